namespace Serverless.Studio.Pipeline;

/// <summary>The API's error codes (DESIGN section 8): 10xxx general, 20xxx auth, 30xxx business, 40xxx third party.</summary>
public static class ErrorCodes
{
    public const int System = 10001;
    public const int InvalidParameters = 10002;
    public const int NotFound = 10003;
    public const int NotLoggedIn = 20001;
    public const int TokenExpired = 20002;
    public const int Forbidden = 20003;
    public const int QuotaExceeded = 30001;
    public const int GenerationFailed = 30003;
    public const int RenderFailed = 30004;
    public const int BudgetExceeded = 30005;

    /// <summary>No provider serves the chat model asked for (there is no offline chat).</summary>
    public const int NoChatModel = 30006;
    public const int StorageFailed = 40002;
}
