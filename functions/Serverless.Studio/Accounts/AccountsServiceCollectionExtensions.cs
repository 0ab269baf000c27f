using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Accounts, sign-in sessions, API keys and plan quotas.</summary>
    public static IServiceCollection AddStudioAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Plans.ContainsKey(o.DefaultPlan), "Accounts:DefaultPlan must name a configured plan.")
            .Validate(o => o.Plans.ContainsKey(o.UnverifiedPlan), "Accounts:UnverifiedPlan must name a configured plan.")
            .Validate(o => o.Plans.ContainsKey(o.UnregisteredPlan), "Accounts:UnregisteredPlan must name a configured plan.")
            .Validate(o => o.Plans.Values.All(p => p.VideosPerMonth is null or >= 0), "Accounts:Plans:*:VideosPerMonth cannot be negative.")
            .Validate(o => o.Plans.Values.All(p => p.UnitsPerMonth is null or >= 0), "Accounts:Plans:*:UnitsPerMonth cannot be negative.")
            .Validate(o => o.Plans.Values.All(p => p.MaxRunningTasks is null or >= 1), "Accounts:Plans:*:MaxRunningTasks must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<AccountMailOptions>().BindConfiguration(AccountMailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IAccountMail>(sp => string.IsNullOrEmpty(sp.GetRequiredService<IOptions<AccountMailOptions>>().Value.SmtpHost)
            ? ActivatorUtilities.CreateInstance<LoggedAccountMail>(sp)
            : ActivatorUtilities.CreateInstance<SmtpAccountMail>(sp));
        services.AddMemoryCache();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<SignInFailures>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<VideoQuota>();
        services.AddSingleton<RunningTasks>();
        return services;
    }
}
