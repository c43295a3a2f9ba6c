using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// Third-party assemblies ship in the module's <c>dependencies</c> folder, out of PowerShell's probing path,
    /// so they load only when this module asks for them and only when the session has none of its own.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location);
        private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");

        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name;
            foreach (string directory in new[] { ModuleDirectory, DependencyDirectory })
            {
                string path = Path.Combine(directory, name + ".dll");
                if (File.Exists(path)) return Assembly.LoadFrom(path);
            }

            return null;
        }
    }
}
