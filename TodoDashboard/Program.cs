using TodoDashboard.Features.Admin;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Features.Operations;
using TodoDashboard.Features.Shares;
using TodoDashboard.Features.Todos;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Cluster;
using TodoDashboard.Infrastructure.Health;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Telemetry;

var builder = WebApplication.CreateBuilder(args);

builder.AddAppTelemetry()
    .AddAppDatabase()
    .AddDistributedCacheIfConfigured()
    .AddAppAuthentication()
    .AddAppProblemDetails()
    .AddApiDocs()
    .AddBackgroundJobs()
    .AddAppHealthChecks()
    .AddAppUi();
builder.Services.AddTodosFeature();
builder.Services.AddJobsFeature(builder.Configuration);
builder.Services.AddSharesFeature(builder.Configuration);
builder.Services.AddMultiDbFeature(builder.Configuration);
builder.Services.AddCustomersFeature(builder.Configuration);
builder.Services.AddAdminFeature();
builder.Services.AddClusterView(builder.Configuration);

var app = builder.Build();

app.UseAppPipeline();
await app.MigrateAppDatabaseAsync();
await app.MigrateMultiDatabasesAsync();
if (await app.RunInsertDataCommandAsync(args) || await app.RunGenerateCustomersCommandAsync(args) || await app.RunCreateAdminCommandAsync(args))
{
    return;
}

app.MapApiDocs();
app.MapAppTelemetry();
app.MapAppHealthChecks();
app.MapAuthEndpoints();
app.MapTodosEndpoints();
app.MapJobsEndpoints();
app.MapSharesEndpoints();
app.MapMultiDbEndpoints();
app.MapCustomersEndpoints();
app.MapAdminEndpoints();
app.MapRunsEndpoints();
app.MapClusterEndpoints();
app.MapNoOpRunEndpoints();
app.MapDiagnosticsEndpoints();
app.MapAppUi();

await app.RunAsync();

public partial class Program;
