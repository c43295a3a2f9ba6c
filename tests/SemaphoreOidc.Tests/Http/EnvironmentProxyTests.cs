using System;
using SemaphoreOidc.Http;
using Xunit;

namespace SemaphoreOidc.Tests.Http
{
    // Environment variables are process-wide: these tests run one at a time in their own collection.
    [Collection("ProcessEnvironment")]
    public class EnvironmentProxyTests : IDisposable
    {
        private readonly string[] _names = { "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy" };
        private readonly string[] _saved;

        public EnvironmentProxyTests()
        {
            _saved = Array.ConvertAll(_names, Environment.GetEnvironmentVariable);
            foreach (string name in _names) Environment.SetEnvironmentVariable(name, null);
        }

        public void Dispose()
        {
            for (int i = 0; i < _names.Length; i++) Environment.SetEnvironmentVariable(_names[i], _saved[i]);
        }

        [Fact]
        public void None_without_a_proxy_variable()
        {
            Assert.Null(EnvironmentProxy.FromEnvironment());
            Assert.Null(EnvironmentProxy.CurrentKey());
        }

        [Fact]
        public void Honours_NO_PROXY_like_curl()
        {
            Environment.SetEnvironmentVariable("HTTPS_PROXY", "proxy.internal:3128");
            Environment.SetEnvironmentVariable("NO_PROXY", "localhost, .internal.example,example.org,10.0.0.1:8443");
            var proxy = EnvironmentProxy.FromEnvironment();
            Assert.Equal(new Uri("http://proxy.internal:3128/"), proxy.GetProxy(new Uri("https://sts.us-east-1.amazonaws.com/")));
            Assert.True(proxy.IsBypassed(new Uri("https://localhost:5000/")));
            Assert.True(proxy.IsBypassed(new Uri("https://a.internal.example/")));
            Assert.True(proxy.IsBypassed(new Uri("https://example.org/")));
            Assert.True(proxy.IsBypassed(new Uri("https://www.example.org/")));
            Assert.False(proxy.IsBypassed(new Uri("https://notexample.org/")));
            Assert.True(proxy.IsBypassed(new Uri("https://10.0.0.1:8443/")));
            Assert.False(proxy.IsBypassed(new Uri("https://10.0.0.1:443/")));
        }

        [Fact]
        public void Lower_case_wins_and_credentials_are_taken_from_the_url()
        {
            Environment.SetEnvironmentVariable("HTTPS_PROXY", "http://upper:1");
            Environment.SetEnvironmentVariable("https_proxy", "http://user:p%40ss@lower:2");
            var proxy = EnvironmentProxy.FromEnvironment();
            Assert.Equal(2, proxy.GetProxy(new Uri("https://x.example/")).Port);
            var credential = proxy.Credentials.GetCredential(new Uri("http://lower:2"), "Basic");
            Assert.Equal("user", credential.UserName);
            Assert.Equal("p@ss", credential.Password);
        }

        [Fact]
        public void Star_bypasses_everything()
        {
            Environment.SetEnvironmentVariable("ALL_PROXY", "http://p:1");
            Environment.SetEnvironmentVariable("no_proxy", "*");
            Assert.True(EnvironmentProxy.FromEnvironment().IsBypassed(new Uri("https://anything.example/")));
        }
    }
}
