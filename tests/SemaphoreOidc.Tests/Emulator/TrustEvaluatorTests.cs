using System.Collections.Generic;
using SemaphoreOidc.Emulator;
using Xunit;

namespace SemaphoreOidc.Tests.Emulator;

/// <summary>IAM condition semantics (docs/trust-policies.md, "How the decision is made") as the emulator's trust check applies them.</summary>
public sealed class TrustEvaluatorTests
{
    private const string Provider = "arn:aws:iam::123456789012:oidc-provider/acme.semaphoreci.com";
    private const string Action = "sts:AssumeRoleWithWebIdentity";
    private const string Sub = "org:acme:project:p1:repo:web:ref_type:branch:ref:refs/heads/main";

    private static Dictionary<string, string> Context(string sub = Sub) => sub is null
        ? new() { ["acme.semaphoreci.com:aud"] = "https://acme.semaphoreci.com" }
        : new() { ["acme.semaphoreci.com:aud"] = "https://acme.semaphoreci.com", ["acme.semaphoreci.com:sub"] = sub };

    private static string Policy(string condition, string effect = "Allow", string action = "\"sts:AssumeRoleWithWebIdentity\"", string principal = Provider) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":{\"Federated\":\"" + principal
        + "\"},\"Action\":" + action + (condition is null ? "" : ",\"Condition\":" + condition) + "}]}";

    [Theory]
    [InlineData("{\"StringEquals\":{\"acme.semaphoreci.com:sub\":\"" + Sub + "\"}}", true)]
    [InlineData("{\"StringEquals\":{\"ACME.semaphoreci.com:SUB\":\"" + Sub + "\"}}", true)] // key names ignore case
    [InlineData("{\"StringEquals\":{\"acme.semaphoreci.com:sub\":\"org:acme:*\"}}", false)] // * is literal in StringEquals
    [InlineData("{\"StringLike\":{\"acme.semaphoreci.com:sub\":\"org:acme:*\"}}", true)]
    [InlineData("{\"StringLike\":{\"acme.semaphoreci.com:sub\":\"org:acme:project:p?:*\"}}", true)]
    [InlineData("{\"StringLike\":{\"acme.semaphoreci.com:sub\":\"org:ACME:*\"}}", false)] // values are case-sensitive
    [InlineData("{\"StringEqualsIgnoreCase\":{\"acme.semaphoreci.com:sub\":\"ORG:ACME:PROJECT:P1:REPO:WEB:REF_TYPE:BRANCH:REF:REFS/HEADS/MAIN\"}}", true)]
    [InlineData("{\"StringLike\":{\"acme.semaphoreci.com:sub\":[\"x\",\"org:acme:*\"]}}", true)] // values OR
    [InlineData("{\"StringEquals\":{\"acme.semaphoreci.com:aud\":\"https://acme.semaphoreci.com\",\"acme.semaphoreci.com:sub\":\"x\"}}", false)] // keys AND
    [InlineData("{\"StringEquals\":{\"acme.semaphoreci.com:aud\":\"https://acme.semaphoreci.com\"},\"StringLike\":{\"acme.semaphoreci.com:sub\":\"*:ref:refs/tags/*\"}}", false)] // operators AND
    [InlineData("{\"StringNotEquals\":{\"acme.semaphoreci.com:sub\":[\"a\",\"b\"]}}", true)]
    [InlineData("{\"StringNotLike\":{\"acme.semaphoreci.com:sub\":[\"a\",\"*main\"]}}", false)] // negated: matches none
    [InlineData("{\"StringLike\":{\"acme.semaphoreci.com:sub\":\"org:acme:project:p1:repo:web:ref_type:branch:ref:refs/heads/mai${?}\"}}", false)] // ${?} is a literal ?
    public void Operators_follow_IAM(string condition, bool allowed) =>
        Assert.Equal(allowed, TrustEvaluator.IsAllowed(Policy(condition), Provider, Action, Context()));

    [Theory]
    [InlineData("{\"StringEquals\":{\"acme.semaphoreci.com:sub\":\"x\"}}", false)] // missing key: positive false
    [InlineData("{\"StringNotEquals\":{\"acme.semaphoreci.com:sub\":\"x\"}}", true)] // missing key: negated true
    [InlineData("{\"StringEqualsIfExists\":{\"acme.semaphoreci.com:sub\":\"x\"}}", true)] // IfExists: missing true
    [InlineData("{\"StringLikeIfExists\":{\"acme.semaphoreci.com:sub\":\"x\"}}", true)]
    [InlineData("{\"Null\":{\"acme.semaphoreci.com:sub\":\"true\"}}", true)]
    [InlineData("{\"ForAllValues:StringEquals\":{\"acme.semaphoreci.com:sub\":\"x\"}}", true)]
    [InlineData("{\"ForAnyValue:StringEquals\":{\"acme.semaphoreci.com:sub\":\"x\"}}", false)]
    public void Missing_sub_follows_IAM(string condition, bool allowed) =>
        Assert.Equal(allowed, TrustEvaluator.IsAllowed(Policy(condition), Provider, Action, Context(sub: null)));

    [Fact]
    public void IfExists_still_checks_a_present_key()
    {
        Assert.False(TrustEvaluator.IsAllowed(Policy("{\"StringEqualsIfExists\":{\"acme.semaphoreci.com:sub\":\"x\"}}"), Provider, Action, Context()));
        Assert.True(TrustEvaluator.IsAllowed(Policy("{\"StringEqualsIfExists\":{\"acme.semaphoreci.com:sub\":\"" + Sub + "\"}}"), Provider, Action, Context()));
    }

    [Fact]
    public void Matching_deny_wins_over_allow()
    {
        var policy = "{\"Statement\":[" +
            "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + Provider + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}," +
            "{\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + Provider + "\"},\"Action\":\"sts:*\",\"Condition\":{\"StringLike\":{\"acme.semaphoreci.com:sub\":\"*:refs/heads/main\"}}}]}";
        Assert.False(TrustEvaluator.IsAllowed(policy, Provider, Action, Context()));
        Assert.True(TrustEvaluator.IsAllowed(policy, Provider, Action, Context(Sub.Replace("main", "dev"))));
    }

    [Fact]
    public void Wrong_principal_action_or_no_allow_is_refused()
    {
        Assert.False(TrustEvaluator.IsAllowed(Policy(null, principal: "arn:aws:iam::123456789012:oidc-provider/other.semaphoreci.com"), Provider, Action, Context()));
        Assert.False(TrustEvaluator.IsAllowed(Policy(null, action: "\"sts:AssumeRole\""), Provider, Action, Context()));
        Assert.True(TrustEvaluator.IsAllowed(Policy(null, action: "[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]"), Provider, "sts:TagSession", Context()));
        Assert.False(TrustEvaluator.IsAllowed(Policy(null, effect: "Deny"), Provider, Action, Context()));
        Assert.False(TrustEvaluator.IsAllowed("not json", Provider, Action, Context()));
    }
}
