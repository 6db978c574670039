using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TodoDashboard.Infrastructure.Validation;

public static class InputPolicySetup
{
    /// <summary>
    /// Every JSON string through <see cref="PolicyStringConverter"/>; and, since the OpenAPI generator cannot see
    /// through a custom converter (it would describe every string as <c>{}</c>), strings are described as strings
    /// again, with the <see cref="StoredTextAttribute"/> limit as <c>maxLength</c>.
    /// </summary>
    public static IServiceCollection AddInputPolicy(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new PolicyStringConverter()));
        services.ConfigureAll<OpenApiOptions>(options => options.AddSchemaTransformer(DescribeStringAsync));
        return services;
    }

    private static Task DescribeStringAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type == typeof(string))
        {
            var property = context.JsonPropertyInfo;
            schema.Type = property is { IsGetNullable: true } or { IsSetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            if (property?.AttributeProvider is ICustomAttributeProvider attributes
                && attributes.GetCustomAttributes(typeof(StoredTextAttribute), inherit: true).OfType<StoredTextAttribute>().FirstOrDefault() is { } stored)
            {
                schema.MaxLength = stored.MaxLength;
            }
        }

        return Task.CompletedTask;
    }
}
