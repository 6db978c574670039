using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Features.Todos;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Infrastructure.Validation;

/// <summary>The input policy as clients meet it: every refusal a 400 naming the field, never a 5xx.</summary>
public class InputPolicyEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    // JSON escapes, so the request really carries a NUL, a lone surrogate, a noncharacter.
    public static TheoryData<string, string> BadText => new()
    {
        { @"a\u0000b", "NUL character" },
        { @"a\ud800b", "not valid Unicode text" },
        { @"a\ufffe", "noncharacter U+FFFE" },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task A_todo_title_the_policy_refuses_is_a_400_naming_the_field_and_writes_nothing(string text, string reason)
    {
        var client = await factory.CreateUserClientAsync();

        var created = await PostJsonAsync(client, "/api/todos", $$"""{"title":"{{text}}"}""");
        var described = await PostJsonAsync(client, "/api/todos", $$"""{"title":"ok","description":"{{text}}"}""");

        await AssertNamesAsync(created, "title", reason);
        await AssertNamesAsync(described, "description", reason);
        Assert.Equal(0, (await (await client.GetAsync("/api/todos")).ReadAsync<TodoPage>()).TotalCount);
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task A_customer_field_the_policy_refuses_is_a_400_naming_the_field(string text, string reason)
    {
        var client = await factory.CreateUserClientAsync();

        var named = await PostJsonAsync(client, "/api/customers", $$"""{"firstName":"{{text}}","lastName":"L","customerId":"POLICY-1"}""");
        var addressed = await PostJsonAsync(client, "/api/customers",
            $$$"""{"firstName":"F","lastName":"L","customerId":"POLICY-2","address":{"street":"S","streetNumber":"1","cityCode":"1","city":"{{{text}}}","country":"AT"}}""");

        await AssertNamesAsync(named, "firstName", reason);
        await AssertNamesAsync(addressed, "address.city", reason);
    }

    [Theory]
    [InlineData("search=a%00b", "search")]
    [InlineData("first_name=%EF%BF%BE", "first_name")]
    [InlineData("city=x%00", "city")]
    [InlineData("cursor=eyJ%00", "cursor")]
    [InlineData("page=1073741824", "page")]
    public async Task A_customer_listing_parameter_the_policy_refuses_is_a_400_naming_it(string query, string field)
    {
        var client = await factory.CreateUserClientAsync();

        foreach (var path in new[] { "/api/customers", "/api/customers/naive" })
        {
            var response = await client.GetAsync($"{path}?{query}");

            if (field != "page" || path.EndsWith("naive", StringComparison.Ordinal))
            {
                await AssertNamesAsync(response, field);
            }
        }
    }

    [Theory]
    [InlineData("/api/todos?filter=%00", "filter")]
    [InlineData("/api/admin/users?search=a%00", "search")]
    [InlineData("/api/shares?sortBy=%EF%BF%BF", "sortBy")]
    public async Task Any_API_query_value_the_policy_refuses_is_a_400_naming_it(string url, string field)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Admin);

        await AssertNamesAsync(await client.GetAsync(url), field);
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task A_multi_database_row_the_policy_refuses_is_a_400_naming_the_row_field(string text, string reason)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var response = await PostJsonAsync(client, "/api/multidb/runs",
            $$$"""{"users":[{"name":"ok","email":"ok@example.com"},{"name":"{{{text}}}","email":"x@example.com"}]}""");

        await AssertNamesAsync(response, "users[1].name", reason);
    }

    [Fact]
    public async Task A_null_row_in_a_multi_database_batch_is_a_400_naming_it()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        await AssertNamesAsync(await PostJsonAsync(client, "/api/multidb/runs", """{"users":[null]}"""), "users[0]");
        await AssertNamesAsync(await PostJsonAsync(client, "/api/multidb/runs", """{"products":[{"name":"P","price":1},null]}"""), "products[1]");
    }

    [Fact]
    public async Task Lengths_are_counted_in_code_points_as_the_column_stores_them()
    {
        var client = await factory.CreateUserClientAsync();
        var emoji = string.Concat(Enumerable.Repeat("😀", Todo.TitleMaxLength));

        var fits = await client.PostAsJsonAsync("/api/todos", new { title = emoji });
        var tooLong = await client.PostAsJsonAsync("/api/todos", new { title = emoji + "😀" });

        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Equal(emoji, (await fits.ReadAsync<TodoResponse>()).Title);
        await AssertNamesAsync(tooLong, "title", "at most 255 characters");
    }

    [Theory]
    [InlineData("/api/customers", """{"firstName":"F","lastName":"L","customerId":"BIG-1","points":2147483648}""", "points")]
    [InlineData("/api/customers", """{"firstName":"F","lastName":"L","customerId":"BIG-2","points":1e20}""", "points")]
    [InlineData("/api/shares/generate", """{"count":1e20}""", "count")]
    [InlineData("/api/shares/price-updates", """{"strategy":"bulk","seed":2147483648}""", "seed")]
    [InlineData("/api/multidb/runs", """{"orders":[{"userId":1,"productId":1,"quantity":2147483648}]}""", "orders[0].quantity")]
    [InlineData("/api/multidb/runs", """{"scale":1e20}""", "scale")]
    public async Task A_number_beyond_the_int_column_is_a_400_naming_the_field(string url, string body, string field)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        await AssertNamesAsync(await PostJsonAsync(client, url, body), field, "whole number");
    }

    [Theory]
    [InlineData("/api/todos?page=2147483648", "page")]
    [InlineData("/api/todos?page=100001", "page")]
    [InlineData("/api/shares?page=100001", "page")]
    [InlineData("/api/multidb/users?page=100001", "page")]
    [InlineData("/api/customers/naive?page=100001", "page")]
    [InlineData("/api/todos?pageSize=1e20", "pageSize")]
    public async Task Paging_parameters_are_bounded_and_a_400_names_them(string url, string field)
    {
        var client = await factory.CreateUserClientAsync();

        await AssertNamesAsync(await client.GetAsync(url), field);
    }

    [Theory]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_in_an_unknown_charset_or_another_media_type_is_a_415_problem(string contentType)
    {
        var client = await factory.CreateUserClientAsync();
        var content = new ByteArrayContent("""{"title":"x"}"""u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await client.PostAsync("/api/todos", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await (await client.GetAsync("/api/todos")).ReadAsync<TodoPage>()).TotalCount);
    }

    [Fact]
    public async Task A_body_in_a_known_charset_other_than_utf8_is_read()
    {
        var client = await factory.CreateUserClientAsync();
        var content = new StringContent("""{"title":"Grüße"}""", Encoding.Latin1);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "iso-8859-1" };

        var response = await client.PostAsync("/api/todos", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Grüße", (await response.ReadAsync<TodoResponse>()).Title);
    }

    [Theory]
    [InlineData("GET", "/api/todos?filter=done", "", "filter", "all, active, completed")]
    [InlineData("GET", "/api/shares?order=up", "", "order", "asc, desc")]
    [InlineData("POST", "/api/shares/price-updates", """{"strategy":"warp"}""", "strategy", "sequential, parallel, bulk")]
    [InlineData("POST", "/api/customers", """{"firstName":"F","lastName":"L","customerId":"G-1","gender":"robot"}""", "gender", "undefined, male, female, non_binary")]
    [InlineData("GET", "/api/customers?gender=robot", "", "gender", "undefined, male, female, non_binary")]
    public async Task A_bad_choice_lists_the_allowed_values(string method, string url, string body, string field, string allowed)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var response = method == "GET" ? await client.GetAsync(url) : await PostJsonAsync(client, url, body);

        await AssertNamesAsync(response, field, allowed);
    }

    [Theory]
    [InlineData("""{"title":5}""", "title", "'title' must be a string.")]
    [InlineData("""{"title":"x","isCompleted":"maybe"}""", "isCompleted", "'isCompleted' must be true or false.")]
    [InlineData("""{"title":"unterminated""", "title", "The body is not valid JSON")]
    public async Task A_body_value_of_the_wrong_type_is_described_by_the_fields_type(string body, string field, string message)
    {
        var client = await factory.CreateUserClientAsync();

        await AssertNamesAsync(await PostJsonAsync(client, "/api/todos", body), field, message);
    }

    [Fact]
    public async Task A_missing_body_is_a_400_naming_the_body()
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.PostAsync("/api/todos", new StringContent("", Encoding.UTF8, "application/json"));

        await AssertNamesAsync(response, "body");
    }

    [Fact]
    public async Task The_string_converter_leaves_the_openapi_schemas_typed()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var request = document["components"]!["schemas"]!["SaveTodoRequest"]!["properties"]!;

        Assert.Equal("string", request["title"]!["type"]!.ToString());
        Assert.Equal(Todo.TitleMaxLength, (int)request["title"]!["maxLength"]!);
        Assert.Contains("string", request["description"]!["type"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field, string? message = null)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem.Errors.Keys);
        if (message is not null)
        {
            Assert.Contains(problem.Errors[field], m => m.Contains(message, StringComparison.Ordinal));
        }
    }
}
