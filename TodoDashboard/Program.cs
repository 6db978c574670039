using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.Shares;
using TodoDashboard.Features.Todos;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Auth;

var builder = WebApplication.CreateBuilder(args);

builder.AddAppDatabase()
    .AddAppAuthentication()
    .AddAppProblemDetails()
    .AddApiDocs()
    .AddBackgroundJobs()
    .AddAppUi();
builder.Services.AddTodosFeature();
builder.Services.AddJobsFeature(builder.Configuration);
builder.Services.AddSharesFeature(builder.Configuration);

var app = builder.Build();

app.UseAppPipeline();
await app.MigrateAppDatabaseAsync();

app.MapApiDocs();
app.MapAuthEndpoints();
app.MapTodosEndpoints();
app.MapJobsEndpoints();
app.MapSharesEndpoints();
app.MapAppUi();

await app.RunAsync();

public partial class Program;
