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
        {
            Meaning = meaning ?? throw new ArgumentNullException(nameof(meaning));
            Action = action ?? throw new ArgumentNullException(nameof(action));
        }

        /// <summary>What went wrong, in one sentence.</summary>
        public string Meaning { get; }

        /// <summary>What to do about it, in one sentence.</summary>
        public string Action { get; }
    }
}
