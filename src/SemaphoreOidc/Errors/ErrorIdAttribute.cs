using System;

namespace SemaphoreOidc.Errors
{
    /// <summary>
    /// Marks a constant of an <c>&lt;Area&gt;ErrorIds</c> class as a published error id, with what it means and what the
    /// user should do. Scripts match on these ids, so the catalogue of them (docs/errors.md) is generated from these
    /// attributes rather than written twice, and a test fails on an id that has none.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
    public sealed class ErrorIdAttribute : Attribute
    {
        public ErrorIdAttribute(string meaning, string action)
            : this(meaning, action, new ErrorKind[0])
        {
        }

        /// <param name="meaning">What went wrong, in one sentence.</param>
        /// <param name="action">What to do about it, in one sentence.</param>
        /// <param name="categories">
        /// Every <see cref="ErrorKind"/> the id is reported with, the usual one first; a test checks them against the
        /// code that throws the id.
        /// </param>
        public ErrorIdAttribute(string meaning, string action, params ErrorKind[] categories)
        {
            Meaning = meaning ?? throw new ArgumentNullException(nameof(meaning));
            Action = action ?? throw new ArgumentNullException(nameof(action));
            Categories = categories ?? new ErrorKind[0];
        }

        /// <summary>What went wrong, in one sentence.</summary>
        public string Meaning { get; }

        /// <summary>What to do about it, in one sentence.</summary>
        public string Action { get; }

        /// <summary>The categories the id is reported with, the usual one first (docs/errors.md).</summary>
        public ErrorKind[] Categories { get; }

        /// <summary>
        /// For an id of the AWS family (docs/errors.md, "AWS's own errors"): the error code AWS answers with, from which
        /// the id is built; null for the module's own ids.
        /// </summary>
        public string AwsCode { get; set; }
    }
}
