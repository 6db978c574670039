namespace TodoDashboard.Features.Todos;

public static class TodosFeature
{
    public static IServiceCollection AddTodosFeature(this IServiceCollection services)
    {
        services.AddSingleton<TodoService>();
        return services;
    }
}
