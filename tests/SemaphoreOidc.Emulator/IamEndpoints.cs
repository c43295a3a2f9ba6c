using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// IAM 2010-05-08: the hook the router already sends iam.* hosts and Version=2010-05-08 requests to.
/// A later task fills in the actions (CreateOpenIDConnectProvider, GetRole, ...); until then every action is
/// answered the way AWS answers an action it does not know, so clients get a well-formed error.
/// </summary>
internal sealed class IamEndpoints
{
    private readonly EmulatorState _state;

    public IamEndpoints(EmulatorState state) => _state = state;

    public Task HandleAsync(HttpContext ctx, AwsQueryRequest req, string requestId) =>
        throw new AwsErrorException("InvalidAction", $"Could not find operation {req.Action} for version 2010-05-08");
}
