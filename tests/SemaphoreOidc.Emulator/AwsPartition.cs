using System;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// The partition a request reached by host name: *.amazonaws.com.cn is aws-cn, iam.us-gov.* / sts.us-gov-* is
/// aws-us-gov, anything else (including the bare loopback endpoint) aws. ARNs the emulator mints carry it, and
/// IAM's one signing region per partition follows from it (docs/aws-names.md, "Partitions").
/// </summary>
internal static class AwsPartition
{
    public static string ForHost(string host)
    {
        host = host.TrimEnd('.').ToLowerInvariant();
        if (host.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal)) return "aws-cn";
        if (host.StartsWith("iam.us-gov.", StringComparison.Ordinal) || host.StartsWith("sts.us-gov-", StringComparison.Ordinal)) return "aws-us-gov";
        return "aws";
    }

    public static string IamSigningRegion(string partition) => partition switch
    {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    };
}
