using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// Reads Query-protocol answers (STS and IAM): <c>&lt;OpResponse&gt;&lt;OpResult&gt;...</c> on success and
    /// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c> on failure (botocore's query
    /// parser). Anything else is not an AWS answer and is classified as such (docs/aws-calls.md, "Unexpected answers").
    /// </summary>
    internal static class QueryResponse
    {
        private static readonly XmlReaderSettings Safe = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
        };

        /// <summary>
        /// The <c>&lt;ActionResult&gt;</c> of a success (empty for actions that answer only metadata), or an
        /// <see cref="AwsAttemptException"/>: AWS's error, or a description of what came instead of an AWS answer.
        /// </summary>
        public static XElement Read(AwsAnswer answer, string action)
        {
            if (answer.StatusCode >= 300 && answer.StatusCode < 400)
            {
                // STS and IAM never redirect: this is a wrong endpoint, or a portal taking over the connection.
                string where = answer.RedirectTarget == null ? "without a location" : "to " + answer.RedirectTarget;
                throw Unexpected(answer, $"a redirect {where}");
            }

            if (answer.ContentType != null && answer.ContentType.IndexOf("xml", StringComparison.OrdinalIgnoreCase) < 0)
            {
                throw Unexpected(answer, "not an XML answer");
            }

            if (answer.Body.Length == 0) throw Unexpected(answer, "an empty body");

            XElement root;
            try
            {
                using (var reader = XmlReader.Create(new MemoryStream(answer.Body), Safe))
                {
                    root = XDocument.Load(reader).Root;
                }
            }
            catch (XmlException)
            {
                throw Unexpected(answer, "not well-formed XML");
            }

            var error = root.Name.LocalName == "ErrorResponse" || root.Name.LocalName == "Response"
                ? root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error")
                : null;
            string code = Child(error, "Code");
            if (!string.IsNullOrEmpty(code))
            {
                string requestId = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
                throw new AwsAttemptException(AwsFailure.ServiceError(answer, code, Child(error, "Message"), requestId));
            }

            if (!answer.IsSuccess) throw Unexpected(answer, "an HTTP error without an AWS error document");
            if (root.Name.LocalName != action + "Response")
            {
                throw Unexpected(answer, $"XML that is not a {action} answer (<{root.Name.LocalName}>)");
            }

            // Actions without a result (DeleteX, AddX, UpdateX) answer only ResponseMetadata.
            return root.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result")
                   ?? new XElement(XName.Get(action + "Result", root.Name.NamespaceName));
        }

        /// <summary>
        /// An answer's status says whether what came instead of an AWS answer may pass: a bare 5xx, 429 or 408
        /// comes from a load balancer or proxy under load, anything else (a portal page, a redirect) stays.
        /// </summary>
        public static FailureClass ClassOfUnexpected(int status) =>
            status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
                ? FailureClass.Transient
                : FailureClass.Final;

        private static AwsAttemptException Unexpected(AwsAnswer answer, string what) =>
            new AwsAttemptException(AwsFailure.Unexpected(answer, ClassOfUnexpected(answer.StatusCode), what));

        /// <summary>A child element's text that a well-formed answer must carry; its absence makes the answer unexpected.</summary>
        public static string Required(XElement parent, string name)
        {
            string value = Child(parent, name);
            if (string.IsNullOrEmpty(value)) throw new AnswerShapeException($"{Path(parent)} without {name}");
            return value;
        }

        /// <summary>A child element that a well-formed answer must carry.</summary>
        public static XElement RequiredElement(XElement parent, string name) =>
            Element(parent, name) ?? throw new AnswerShapeException($"{Path(parent)} without {name}");

        public static string Child(XElement parent, string name) =>
            parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        public static XElement Element(XElement parent, string name) =>
            parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        public static string[] Members(XElement parent, string listName) =>
            Element(parent, listName)?.Elements().Where(e => e.Name.LocalName == "member").Select(e => e.Value).ToArray() ?? Array.Empty<string>();

        public static DateTime? Date(XElement parent, string name)
        {
            string value = Child(parent, name);
            return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                ? date
                : (DateTime?)null;
        }

        private static string Path(XElement element) => element == null ? "an answer" : "<" + element.Name.LocalName + ">";
    }

    /// <summary>A well-formed AWS answer without something its action always returns; the engine turns it into an unexpected answer.</summary>
    internal sealed class AnswerShapeException : Exception
    {
        public AnswerShapeException(string what) : base(what)
        {
        }
    }
}
