using System;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// Reads Query-protocol XML answers: <c>&lt;OpResponse&gt;&lt;OpResult&gt;...</c> on success and
    /// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c> on failure (botocore's query parser).
    /// </summary>
    internal static class QueryResponse
    {
        public static XElement ResultOf(string xml, string action)
        {
            var root = XDocument.Parse(xml).Root ?? throw new FormatException("empty XML answer");
            return root.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result")
                   ?? new XElement(XName.Get(action + "Result", root.Name.NamespaceName)); // actions without a result (DeleteX) answer only metadata
        }

        public static string RequestIdOf(string xml)
        {
            try
            {
                var root = XDocument.Parse(xml).Root;
                return root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
            }
            catch (System.Xml.XmlException)
            {
                return null;
            }
        }

        /// <summary>Error code and message from an ErrorResponse body; null when the body is not one.</summary>
        public static (string Code, string Message, string RequestId)? ErrorOf(string xml)
        {
            try
            {
                var root = XDocument.Parse(xml).Root;
                var error = root?.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "Error");
                if (error == null) return null;
                return (Child(error, "Code"), Child(error, "Message"), root.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value);
            }
            catch (System.Xml.XmlException)
            {
                return null;
            }
        }

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
    }
}
