using System;

namespace SemaphoreOidc.Errors
{
    internal static class ExceptionChain
    {
        /// <summary>The root cause: HTTP stacks wrap the one message a user can act on (refused, reset, untrusted) several times.</summary>
        public static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }
}
