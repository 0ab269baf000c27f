namespace Serverless.Studio.Providers.Ledger;

/// <summary>A provider call that would take a task past its budget; it is not made and the task fails with 30005.</summary>
public sealed class BudgetExceededException : Exception
{
    public BudgetExceededException()
        : base("The budget is exceeded.")
    {
    }

    public BudgetExceededException(string message)
        : base(message)
    {
    }

    public BudgetExceededException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
