using System.Collections.Generic;
using SemaphoreOidc.Policies;
using Xunit;
using static SemaphoreOidc.Tests.Policies.PolicyTestData;

namespace SemaphoreOidc.Tests.Policies
{
    /// <summary>
    /// Decisions written from the IAM User Guide (condition operators, multivalued context keys, policy variables,
    /// policy evaluation logic, Principal, NotAction) as docs/trust-policies.md states them, one rule per row.
    /// </summary>
    public class EvaluationTableTests
    {
        private const string NoSub = "<none>";
        private const string Aud = "'" + Host + ":aud'";
        private const string Sub = "'" + Host + ":sub'";
        private const string Main = "'" + Subject + "'";

        private static string Cond(string op, string key, string values) => "{'" + op + "':{" + key + ":" + values + "}}";

        private static object[] Row(string name, string policy, string expected, string subject = Subject, string audience = Issuer, bool tags = false, string account = null) =>
            new object[] { name, policy, expected, subject, audience, tags, account };

        private static object[] Row1(string name, string statement, string expected, string subject = Subject, string audience = Issuer, bool tags = false, string account = null) =>
            Row(name, Policy(statement), expected, subject, audience, tags, account);

        public static IEnumerable<object[]> Cases()
        {
            string like = "'org:my-org:project:" + Project + ":repo:web:ref_type:branch:ref:refs/heads/";

            // StringEquals: exact and case-sensitive; a wildcard is a literal character.
            yield return Row1("StringEquals exact", Statement(Cond("StringEquals", Sub, Main)), "Allowed");
            yield return Row1("StringEquals other branch", Statement(Cond("StringEquals", Sub, Main)), "ImplicitDeny", SubjectFor("dev"));
            yield return Row1("StringEquals case differs", Statement(Cond("StringEquals", Sub, Main)), "ImplicitDeny", SubjectFor("Main"));
            yield return Row1("StringEquals wildcard is literal", Statement(Cond("StringEquals", Sub, like + "*'")), "ImplicitDeny");
            yield return Row1("StringEquals wildcard matches only itself", Statement(Cond("StringEquals", Sub, like + "*'")), "Allowed", SubjectFor("*"));
            yield return Row1("StringEquals values OR", Statement(Cond("StringEquals", Sub, "[" + like + "dev'," + Main + "]")), "Allowed");
            yield return Row1("StringEquals keys AND both", Statement("{'StringEquals':{" + Aud + ":'" + Issuer + "'," + Sub + ":" + Main + "}}"), "Allowed");
            yield return Row1("StringEquals keys AND aud wrong", Statement("{'StringEquals':{" + Aud + ":'https://other.semaphoreci.com'," + Sub + ":" + Main + "}}"), "ImplicitDeny");
            yield return Row1("Key names ignore case", Statement(Cond("StringEquals", "'MY-ORG.SemaphoreCI.com:SUB'", Main)), "Allowed");
            yield return Row1("StringEquals missing key", Statement(Cond("StringEquals", Sub, Main)), "ImplicitDeny", NoSub);
            yield return Row1("StringEquals ${*} is a literal star", Statement(Cond("StringEquals", Sub, like + "${*}'")), "Allowed", SubjectFor("*"));

            // IgnoreCase forms.
            yield return Row1("StringEqualsIgnoreCase case differs", Statement(Cond("StringEqualsIgnoreCase", Sub, Main)), "Allowed", SubjectFor("MAIN"));
            yield return Row1("StringEqualsIgnoreCase different", Statement(Cond("StringEqualsIgnoreCase", Sub, Main)), "ImplicitDeny", SubjectFor("dev"));
            yield return Row1("StringNotEqualsIgnoreCase case differs", Statement(Cond("StringNotEqualsIgnoreCase", Sub, Main)), "ImplicitDeny", SubjectFor("MAIN"));
            yield return Row1("StringNotEqualsIgnoreCase different", Statement(Cond("StringNotEqualsIgnoreCase", Sub, Main)), "Allowed", SubjectFor("dev"));

            // Negated operators: true only if the value matches none; true on a missing key.
            yield return Row1("StringNotEquals not listed", Statement(Cond("StringNotEquals", Sub, like + "dev'")), "Allowed");
            yield return Row1("StringNotEquals listed", Statement(Cond("StringNotEquals", Sub, Main)), "ImplicitDeny");
            yield return Row1("StringNotEquals missing key", Statement(Cond("StringNotEquals", Sub, Main)), "Allowed", NoSub);
            yield return Row1("StringNotEquals several none match", Statement(Cond("StringNotEquals", Sub, "[" + like + "a'," + like + "b']")), "Allowed");
            yield return Row1("StringNotEquals several one matches", Statement(Cond("StringNotEquals", Sub, "[" + like + "a'," + Main + "]")), "ImplicitDeny");

            // StringLike: * spans ':' and may be empty, ? is one character, case-sensitive, escapes literal.
            yield return Row1("StringLike branch pattern", Statement(Cond("StringLike", Sub, like + "*'")), "Allowed");
            yield return Row1("StringLike star spans colons", Statement(Cond("StringLike", Sub, "'org:my-org:*'")), "Allowed");
            yield return Row1("StringLike star may be empty", Statement(Cond("StringLike", Sub, like + "main*'")), "Allowed");
            yield return Row1("StringLike question one char", Statement(Cond("StringLike", Sub, like + "mai?'")), "Allowed");
            yield return Row1("StringLike question not two", Statement(Cond("StringLike", Sub, like + "ma?'")), "ImplicitDeny");
            yield return Row1("StringLike case-sensitive", Statement(Cond("StringLike", Sub, like + "MA*'")), "ImplicitDeny");
            yield return Row1("StringLike ${*} literal, not wildcard", Statement(Cond("StringLike", Sub, like + "${*}'")), "ImplicitDeny", SubjectFor("x"));
            yield return Row1("StringLike ${*} matches a star", Statement(Cond("StringLike", Sub, like + "${*}'")), "Allowed", SubjectFor("*"));
            yield return Row1("StringLike ${?} literal", Statement(Cond("StringLike", Sub, like + "a${?}'")), "ImplicitDeny", SubjectFor("ab"));
            yield return Row1("StringLike ${$} literal", Statement(Cond("StringLike", Sub, like + "${$}*'")), "Allowed", SubjectFor("$release"));
            yield return Row1("StringLike missing key", Statement(Cond("StringLike", Sub, "'*'")), "ImplicitDeny", NoSub);
            yield return Row1("StringLike policy variable is Unknown", Statement(Cond("StringLike", Sub, "'${aws:username}'")), "Unknown");
            yield return Row1("StringLike variable beside a matching value", Statement(Cond("StringLike", Sub, "['${aws:username}'," + like + "*']")), "Allowed");
            yield return Row("Version 2008 has no escapes", ("{'Version':'2008-10-17','Statement':[" + Statement(Cond("StringLike", Sub, like + "${*}'")) + "]}").Replace('\'', '"'), "ImplicitDeny", SubjectFor("*"));
            yield return Row("No Version has no escapes", ("{'Statement':" + Statement(Cond("StringLike", Sub, like + "${*}'")) + "}").Replace('\'', '"'), "Allowed", SubjectFor("${x}"));

            // StringNotLike.
            yield return Row1("StringNotLike not matching", Statement(Cond("StringNotLike", Sub, like + "feature/*'")), "Allowed");
            yield return Row1("StringNotLike matching", Statement(Cond("StringNotLike", Sub, like + "*'")), "ImplicitDeny");
            yield return Row1("StringNotLike missing key", Statement(Cond("StringNotLike", Sub, "'*'")), "Allowed", NoSub);

            // IfExists.
            yield return Row1("StringEqualsIfExists missing", Statement(Cond("StringEqualsIfExists", Sub, Main)), "Allowed", NoSub);
            yield return Row1("StringEqualsIfExists present wrong", Statement(Cond("StringEqualsIfExists", Sub, Main)), "ImplicitDeny", SubjectFor("dev"));
            yield return Row1("StringLikeIfExists present match", Statement(Cond("StringLikeIfExists", Sub, like + "*'")), "Allowed");
            yield return Row1("StringNotEqualsIfExists missing", Statement(Cond("StringNotEqualsIfExists", Sub, Main)), "Allowed", NoSub);
            yield return Row1("StringNotLikeIfExists present matching", Statement(Cond("StringNotLikeIfExists", Sub, like + "*'")), "ImplicitDeny");
            yield return Row1("StringEqualsIgnoreCaseIfExists present", Statement(Cond("StringEqualsIgnoreCaseIfExists", Sub, like + "MAIN'")), "Allowed");

            // Null.
            yield return Row1("Null true, key present", Statement(Cond("Null", Sub, "'true'")), "ImplicitDeny");
            yield return Row1("Null false, key present", Statement(Cond("Null", Sub, "'false'")), "Allowed");
            yield return Row1("Null true, key missing", Statement(Cond("Null", Sub, "'true'")), "Allowed", NoSub);
            yield return Row1("Null bad value", Statement(Cond("Null", Sub, "'maybe'")), "Unknown");

            // Set operators.
            yield return Row1("ForAnyValue StringLike match", Statement(Cond("ForAnyValue:StringLike", Sub, like + "*'")), "Allowed");
            yield return Row1("ForAnyValue missing is false", Statement(Cond("ForAnyValue:StringEquals", Sub, Main)), "ImplicitDeny", NoSub);
            yield return Row1("ForAllValues missing is true", Statement(Cond("ForAllValues:StringEquals", Sub, Main)), "Allowed", NoSub);
            yield return Row1("ForAllValues present not listed", Statement(Cond("ForAllValues:StringEquals", Sub, Main)), "ImplicitDeny", SubjectFor("dev"));
            yield return Row1("ForAnyValue IfExists missing", Statement(Cond("ForAnyValue:StringEqualsIfExists", Sub, Main)), "Allowed", NoSub);
            yield return Row1("ForAllValues StringNotEquals not listed", Statement(Cond("ForAllValues:StringNotEquals", Sub, like + "dev'")), "Allowed");
            yield return Row1("ForAnyValue StringNotEquals missing", Statement(Cond("ForAnyValue:StringNotEquals", Sub, Main)), "ImplicitDeny", NoSub);

            // Several operator blocks AND.
            yield return Row1("Blocks AND, both true", Statement("{'StringEquals':{" + Aud + ":'" + Issuer + "'},'StringLike':{" + Sub + ":" + like + "*'}}"), "Allowed");
            yield return Row1("Blocks AND, one false", Statement("{'StringEquals':{" + Aud + ":'" + Issuer + "'},'StringLike':{" + Sub + ":" + like + "dev*'}}"), "ImplicitDeny");
            yield return Row1("sub under both operators needs both", Statement("{'StringEquals':{" + Sub + ":" + like + "dev'},'StringLike':{" + Sub + ":" + like + "m*'}}"), "ImplicitDeny");

            // Statements: any Allow admits, a matching Deny wins.
            yield return Row("Second Allow matches", Policy(Statement(Cond("StringEquals", Sub, like + "dev'")), Statement(Cond("StringEquals", Sub, Main))), "Allowed");
            yield return Row("Matching Deny wins", Policy(Statement(Cond("StringEquals", Sub, Main)), Statement(Cond("StringLike", Sub, like + "*'"), "Deny")), "Denied");
            yield return Row("Non-matching Deny", Policy(Statement(Cond("StringEquals", Sub, Main)), Statement(Cond("StringLike", Sub, like + "dev*'"), "Deny")), "Allowed");
            yield return Row("Only a Deny", Policy(Statement(Cond("StringLike", Sub, like + "dev*'"), "Deny")), "ImplicitDeny");
            yield return Row("Deny without conditions", Policy(Statement(Cond("StringEquals", Sub, Main)), Statement(null, "Deny")), "Denied");

            // Principal.
            yield return Row1("Federated other host", Statement(Cond("StringEquals", Sub, Main), principal: "'Principal':{'Federated':'arn:aws:iam::123456789012:oidc-provider/other.semaphoreci.com'}"), "ImplicitDeny");
            yield return Row1("Federated array", Statement(Cond("StringEquals", Sub, Main), principal: "'Principal':{'Federated':['arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com','" + ProviderArn + "']}"), "Allowed");
            yield return Row1("Principal star", Statement(Cond("StringEquals", Sub, Main), principal: "'Principal':'*'"), "Allowed");
            yield return Row1("AWS account principal", Statement(null, principal: "'Principal':{'AWS':'arn:aws:iam::123456789012:root'}"), "ImplicitDeny");
            yield return Row1("AWS star principal", Statement(Cond("StringEquals", Sub, Main), principal: "'Principal':{'AWS':'*'}"), "Unknown");
            yield return Row1("Service principal", Statement(null, principal: "'Principal':{'Service':'ec2.amazonaws.com'}", action: "'Action':'sts:AssumeRole'"), "ImplicitDeny");
            yield return Row1("NotPrincipal", Statement(Cond("StringEquals", Sub, Main), principal: "'NotPrincipal':{'AWS':'arn:aws:iam::123456789012:root'}"), "Unknown");
            yield return Row1("Other account when account known", Statement(Cond("StringEquals", Sub, Main)), "ImplicitDeny", account: "210987654321");
            yield return Row1("Same account when account known", Statement(Cond("StringEquals", Sub, Main)), "Allowed", account: Account);

            // Action and NotAction.
            yield return Row1("Action AssumeRole only", Statement(null, action: "'Action':'sts:AssumeRole'"), "ImplicitDeny");
            yield return Row1("Action sts:*", Statement(null, action: "'Action':'sts:*'"), "Allowed");
            yield return Row1("Action *", Statement(null, action: "'Action':'*'"), "Allowed");
            yield return Row1("Action case-insensitive", Statement(null, action: "'Action':'STS:assumerolewithwebidentity'"), "Allowed");
            yield return Row1("Action array", Statement(null, action: "'Action':['sts:AssumeRole','sts:AssumeRoleWithWebIdentity']"), "Allowed");
            yield return Row1("Action prefix wildcard", Statement(null, action: "'Action':'sts:AssumeRole*'"), "Allowed");
            yield return Row1("Action question mark", Statement(null, action: "'Action':'sts:AssumeRole?'"), "ImplicitDeny");
            yield return Row1("NotAction other action", Statement(null, action: "'NotAction':'sts:AssumeRole'"), "Allowed");
            yield return Row1("NotAction this action", Statement(null, action: "'NotAction':'sts:AssumeRoleWithWebIdentity'"), "ImplicitDeny");

            // Session tags need sts:TagSession too.
            yield return Row1("Tags without TagSession", Statement(Cond("StringEquals", Sub, Main)), "ImplicitDeny", tags: true);
            yield return Row1("Tags with TagSession", Statement(Cond("StringEquals", Sub, Main), action: "'Action':['sts:AssumeRoleWithWebIdentity','sts:TagSession']"), "Allowed", tags: true);
            yield return Row("TagSession in another statement", Policy(Statement(Cond("StringEquals", Sub, Main)), Statement(null, action: "'Action':'sts:TagSession'")), "Allowed", tags: true);
            yield return Row("Deny TagSession with tags", Policy(Statement(null, action: "'Action':'sts:*'"), Statement(null, "Deny", "'Action':'sts:TagSession'")), "Denied", tags: true);
            yield return Row("Deny TagSession without tags", Policy(Statement(null, action: "'Action':'sts:*'"), Statement(null, "Deny", "'Action':'sts:TagSession'")), "Allowed");

            // What is not simulated is Unknown, never a guess.
            yield return Row1("ArnLike", Statement(Cond("ArnLike", Sub, "'arn:*'")), "Unknown");
            yield return Row1("DateGreaterThan", Statement(Cond("DateGreaterThan", "'aws:CurrentTime'", "'2020-01-01T00:00:00Z'")), "Unknown");
            yield return Row1("Bool", Statement(Cond("Bool", "'aws:SecureTransport'", "'true'")), "Unknown");
            yield return Row1("IpAddress", Statement(Cond("IpAddress", "'aws:SourceIp'", "'10.0.0.0/8'")), "Unknown");
            yield return Row1("NumericLessThan", Statement(Cond("NumericLessThan", "'aws:MultiFactorAuthAge'", "'3600'")), "Unknown");
            yield return Row1("Global key with string operator", Statement(Cond("StringEquals", "'aws:RequestedRegion'", "'eu-west-1'")), "Unknown");
            yield return Row1("Operator in wrong case", Statement(Cond("stringequals", Sub, Main)), "Unknown");
            yield return Row1("Definite failure beats unknown", Statement("{'StringEquals':{" + Sub + ":" + like + "dev'},'Bool':{'aws:SecureTransport':'true'}}"), "ImplicitDeny");
            yield return Row("Unknown Deny with matching Allow", Policy(Statement(Cond("StringEquals", Sub, Main)), Statement(Cond("IpAddress", "'aws:SourceIp'", "'10.0.0.0/8'"), "Deny")), "Unknown");
            yield return Row("Unknown Deny without Allow", Policy(Statement(Cond("IpAddress", "'aws:SourceIp'", "'10.0.0.0/8'"), "Deny")), "ImplicitDeny");
            yield return Row("Unknown Allow beside matching Allow", Policy(Statement(Cond("IpAddress", "'aws:SourceIp'", "'10.0.0.0/8'")), Statement(Cond("StringEquals", Sub, Main))), "Allowed");

            // Keys of another identity provider are simply absent from a Semaphore request.
            yield return Row1("Other provider key, positive", Statement(Cond("StringEquals", "'token.actions.githubusercontent.com:sub'", "'repo:x'")), "ImplicitDeny");
            yield return Row1("Other provider key, negated", Statement(Cond("StringNotEquals", "'token.actions.githubusercontent.com:sub'", "'repo:x'")), "Allowed");
            yield return Row1("Own host, unknown claim key", Statement(Cond("StringEquals", "'" + Host + ":repo'", "'web'")), "ImplicitDeny");

            // Audience.
            yield return Row1("aud mismatch", Statement(Cond("StringEquals", Aud, "'" + Issuer + "'")), "ImplicitDeny", audience: "sts.amazonaws.com");
            yield return Row1("aud among several values", Statement(Cond("StringEquals", Aud, "['sts.amazonaws.com','" + Issuer + "']")), "Allowed");
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Decides_as_IAM_does(string name, string policyJson, string expected, string subject, string audience, bool tags, string account)
        {
            var policy = TrustPolicy.Parse(policyJson);
            var request = new RequestContext(Issuer, subject == NoSub ? null : subject, new[] { audience }, tags) { AccountId = account };

            PolicyDecision decision = new PolicyEvaluator(policy).Evaluate(request);

            Assert.True(expected == decision.Decision.ToString(), $"{name}: expected {expected}, got {decision.Decision} ({decision.Reason})");
            Assert.False(string.IsNullOrEmpty(decision.Reason));
        }

        // Set-SemaphoreRoleTrust and the merge write back the policy they parsed (TrustPolicy.ToJson): whatever the
        // table's policy says, the text written must decide exactly as the text read.
        [Theory]
        [MemberData(nameof(Cases))]
        public void A_policy_written_back_decides_as_the_one_read(string name, string policyJson, string expected, string subject, string audience, bool tags, string account)
        {
            var request = new RequestContext(Issuer, subject == NoSub ? null : subject, new[] { audience }, tags) { AccountId = account };
            var read = TrustPolicy.Parse(policyJson);

            foreach (bool indented in new[] { false, true })
            {
                string text = read.ToJson(indented);
                PolicyDecision decision = new PolicyEvaluator(TrustPolicy.Parse(text)).Evaluate(request);
                Assert.True(expected == decision.Decision.ToString(), $"{name}, written back{(indented ? " indented" : "")}: expected {expected}, got {decision.Decision} ({decision.Reason})");
                Assert.True(TrustPolicy.SemanticallyEquals(policyJson, text), $"{name}: the policy written back differs from the one read");
            }
        }
    }
}
