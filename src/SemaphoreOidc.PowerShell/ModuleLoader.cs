using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// The engine (SemaphoreOidc.dll) and every third-party assembly ship in the module's <c>dependencies</c>
    /// folder, where PowerShell does not look. On PowerShell 7 the engine loads into a load context of its
    /// own, so its AWSSDK.Core is private: another module's AWSSDK (AWS Tools for PowerShell) neither breaks
    /// it nor is broken by it (aws/aws-sdk-net#968). Windows PowerShell 5.1 has one load context, so there the
    /// folder is only a probing path.
    /// </summary>
    public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string EngineAssemblyName = "SemaphoreOidc";

        internal static readonly string DependencyDirectory =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location), "dependencies");

        private static readonly bool IsNetFramework =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public void OnImport()
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += ResolveOnNetFramework;
            else CoreIsolation.Install();
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnNetFramework;
            else CoreIsolation.Uninstall();
        }

        private static Assembly ResolveOnNetFramework(object sender, ResolveEventArgs args)
        {
            string path = Path.Combine(DependencyDirectory, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
