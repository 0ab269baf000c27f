using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.Uploads;

public static class UploadsApi
{
    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/uploads", ListAsync).RequireAuthorization().WithName("ListUploads")
            .Answers<ApiPage<UploadView>>().Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        return routes;
    }

    /// <summary>The user's uploaded scripts, newest first: which started a video and which failed, and why.</summary>
    private static async Task<IResult> ListAsync(HttpContext http, UploadReceiptStore receipts)
    {
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var all = await receipts.ListAsync(http.User.UserId(), http.RequestAborted);
        return ApiResults.Ok(http, page!.Cut(all.Select(UploadView.Of).ToList()));
    }
}
