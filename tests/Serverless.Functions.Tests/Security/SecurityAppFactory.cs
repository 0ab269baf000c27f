using Microsoft.AspNetCore.Hosting;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Security;

/// <summary>
/// The app as an attacker meets it: the default plan's running-task cap, a small allowance of billed units and small
/// script limits, so each attack reaches its limit in a few requests. The engine is stopped, so started tasks stay queued.
/// </summary>
public class SecurityAppFactory : AccountsAppFactory
{
    public const int MaxRunningTasks = 3;
    public const int UnitsPerMonth = 5;
    public const int MaxShots = 20;
    public const int MaxLineCharacters = 200;
    public const int MaxDurationSeconds = 60;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:Plans:free:VideosPerMonth", "50");
        builder.UseSetting("Accounts:Plans:free:MaxRunningTasks", MaxRunningTasks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Accounts:Plans:free:UnitsPerMonth", UnitsPerMonth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Limits:MaxShots", MaxShots.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Limits:MaxLineCharacters", MaxLineCharacters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Limits:MaxDurationSeconds", MaxDurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
