using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// PowerShell 7 only (never touched on .NET Framework, where AssemblyLoadContext does not exist): when the
    /// cmdlets first need the engine, it is loaded into <see cref="EngineLoadContext"/>.
    /// </summary>
    internal static class CoreIsolation
    {
        private static readonly object Gate = new object();
        private static EngineLoadContext _context;

        public static void Install()
        {
            lock (Gate)
            {
                if (_context == null) _context = new EngineLoadContext(ModuleLoader.DependencyDirectory);
            }

            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }

        public static void Uninstall() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        // Only the engine is handed over; everything it needs is then resolved inside its own context. A missing
        // engine still fails with the portable path it was expected at.
        private static Assembly ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
            string.Equals(name.Name, ModuleLoader.EngineAssemblyName, StringComparison.Ordinal)
                ? _context.LoadFromAssemblyPath(_context.PathOf(ModuleLoader.EngineAssemblyName)
                    ?? Path.Combine(ModuleLoader.DependencyDirectory, ModuleLoader.EngineAssemblyName + ".dll"))
                : null;

        /// <summary>
        /// dependencies/&lt;rid&gt;/ holds the same assemblies precompiled (ReadyToRun) for this platform when the
        /// build made them; they spare a job's first exchange most of its JIT time. Anything else, or any
        /// assembly missing there, comes from the portable dependencies/ folder.
        /// </summary>
        private static string NativeImageDirectory(string directory)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null;
            string native = Path.Combine(directory, "linux-x64");
            return Directory.Exists(native) ? native : null;
        }

        private sealed class EngineLoadContext : AssemblyLoadContext
        {
            private readonly string _directory;
            private readonly string _nativeDirectory;
            private readonly HashSet<string> _platform;

            public EngineLoadContext(string directory)
            {
                _directory = directory;
                _nativeDirectory = NativeImageDirectory(directory);
                _platform = PlatformAssemblyNames();
            }

            /// <summary>The file to load the assembly from, precompiled first; null when neither folder has it.</summary>
            public string PathOf(string assemblyName) => Existing(_nativeDirectory, assemblyName) ?? Existing(_directory, assemblyName);

            private static string Existing(string directory, string assemblyName)
            {
                if (directory == null) return null;
                string path = Path.Combine(directory, assemblyName + ".dll");
                return File.Exists(path) ? path : null;
            }

            protected override Assembly Load(AssemblyName assemblyName)
            {
                // The runtime's and PowerShell's own assemblies (System.Text.Json, ...) are shared: their versions
                // are at least what our netstandard2.0 dependencies ask for, and sharing keeps one copy in memory.
                if (_platform.Contains(assemblyName.Name)) return null;
                string path = PathOf(assemblyName.Name);
                return path != null ? LoadFromAssemblyPath(path) : null;
            }

            private static HashSet<string> PlatformAssemblyNames()
            {
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
                {
                    foreach (string path in list.Split(Path.PathSeparator))
                    {
                        if (path.Length > 0) names.Add(Path.GetFileNameWithoutExtension(path));
                    }
                }

                return names;
            }
        }
    }
}
