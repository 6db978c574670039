using TodoDashboard.Features.Todos;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Auth;

var builder = WebApplication.CreateBuilder(args);

builder.AddAppDatabase()
    .AddAppAuthentication()
    .AddAppProblemDetails()
    .AddApiDocs()
    .AddAppUi();
builder.Services.AddTodosFeature();

var app = builder.Build();

app.UseAppPipeline();
await app.MigrateAppDatabaseAsync();

app.MapApiDocs();
app.MapAuthEndpoints();
app.MapTodosEndpoints();
app.MapAppUi();

await app.RunAsync();

public partial class Program;
