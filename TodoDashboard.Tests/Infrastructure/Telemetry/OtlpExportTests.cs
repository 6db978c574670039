using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

/// <summary>With OTEL_EXPORTER_OTLP_ENDPOINT set, the app sends its telemetry there over OTLP, as the OTEL_* variables say.</summary>
public class OtlpExportTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task The_otlp_endpoint_and_protocol_variables_send_traces_to_that_collector()
    {
        var endpoint = $"http://127.0.0.1:{FreePort()}/";
        using var collector = new HttpListener { Prefixes = { endpoint } };
        collector.Start();
        await using var app = factory.WithWebHostBuilder(builder => builder
            .UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint.TrimEnd('/'))
            .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100"));

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/")).StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var context = await collector.GetContextAsync().WaitAsync(timeout.Token);
            var path = context.Request.Url!.AbsolutePath;
            context.Response.StatusCode = 200;
            context.Response.Close();
            if (path == "/v1/traces")
            {
                Assert.Equal("POST", context.Request.HttpMethod);
                Assert.Equal("application/x-protobuf", context.Request.ContentType);
                return;
            }
        }
    }

    [Fact]
    public async Task Empty_otel_variables_as_docker_compose_passes_them_count_as_unset()
    {
        await using var app = factory.WithWebHostBuilder(builder => builder
            .UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "")
            .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "")
            .UseSetting("OTEL_EXPORTER_OTLP_HEADERS", "")
            .UseSetting("OTEL_SERVICE_NAME", "")
            .UseSetting("OTEL_RESOURCE_ATTRIBUTES", ""));

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/")).StatusCode);
        var resource = app.Services.GetRequiredService<TracerProvider>().GetResource();
        Assert.Equal("TodoDashboard", resource.Attributes.Single(a => a.Key == "service.name").Value);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
