using System.Net;
using System.Net.Http.Json;
using TodoDashboard.Features.Customers;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>Versions as ETags, If-Match on PUT and DELETE, and writes that race a delete; each test works on customer ids of its own.</summary>
public class CustomersConcurrencyTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private static object NewCustomer(string customerId, string firstName = "Ada") =>
        new { firstName, lastName = "Lovelace", gender = "female", customerId, points = 7 };

    [Fact]
    public async Task Get_answers_the_version_as_a_strong_etag_and_the_listing_carries_it_too()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var id = NewCustomerId();
        var created = await client.PostAsJsonAsync("/api/customers", NewCustomer(id));
        var customer = await created.ReadAsync<CustomerResponse>();

        var response = await client.GetAsync($"/api/customers/{customer.Id}");

        Assert.NotEqual(0u, customer.Version);
        ConcurrencyAssert.HasETag(response, customer.Version);
        Assert.Equal(created.ETag(), response.ETag());
        Assert.Equal(customer.Version, Assert.Single((await client.PageAsync($"customer_id={id}")).Results).Version);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task A_stale_if_match_answers_412_with_the_current_version_and_changes_nothing(string write)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var id = NewCustomerId();
        var customer = await CreateAsync(client, id);
        var changed = await (await client.PutAsJsonAsync($"/api/customers/{customer.Id}", NewCustomer(id, "Changed"))).ReadAsync<CustomerResponse>();

        var response = await SendAsync(client, write, customer.Id, id, $"\"{customer.Version}\"");

        await ConcurrencyAssert.PreconditionFailedAsync(response, changed);
        Assert.Equal(changed, await (await client.GetAsync($"/api/customers/{customer.Id}")).ReadAsync<CustomerResponse>());
        Assert.Equal("Changed", Assert.Single((await client.PageAsync($"customer_id={id}")).Results).FirstName);
    }

    [Fact]
    public async Task A_matching_if_match_updates_and_answers_the_new_etag_which_the_listing_shows()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var id = NewCustomerId();
        var customer = await CreateAsync(client, id);
        await client.PageAsync($"customer_id={id}");

        var response = await SendAsync(client, "PUT", customer.Id, id, $"\"{customer.Version}\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var written = await response.ReadAsync<CustomerResponse>();
        Assert.Equal("Put", written.FirstName);
        Assert.NotEqual(customer.Version, written.Version);
        ConcurrencyAssert.HasETag(response, written.Version);
        Assert.Equal(response.ETag(), (await client.GetAsync($"/api/customers/{customer.Id}")).ETag());
        Assert.Equal(written.Version, Assert.Single((await client.PageAsync($"customer_id={id}")).Results).Version);
    }

    [Fact]
    public async Task A_matching_if_match_deletes()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var id = NewCustomerId();
        var customer = await CreateAsync(client, id);

        var response = await SendAsync(client, "DELETE", customer.Id, id, $"\"{customer.Version}\"");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{customer.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Without_if_match_a_write_proceeds_whatever_the_version(string write)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var id = NewCustomerId();
        var customer = await CreateAsync(client, id);
        await client.PutAsJsonAsync($"/api/customers/{customer.Id}", NewCustomer(id, "Meanwhile"));

        var response = await SendAsync(client, write, customer.Id, id, ifMatch: null);

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
    }

    [Theory]
    [InlineData("PUT", "7")]
    [InlineData("PUT", "W/\"7\"")]
    [InlineData("DELETE", "\"seven\"")]
    [InlineData("DELETE", "\"1\", \"2\"")]
    public async Task A_malformed_if_match_is_a_400_naming_it_and_changes_nothing(string write, string ifMatch)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var id = NewCustomerId();
        var customer = await CreateAsync(client, id);

        var response = await SendAsync(client, write, customer.Id, id, ifMatch);

        await ConcurrencyAssert.MalformedIfMatchAsync(response);
        Assert.Equal(customer, await (await client.GetAsync($"/api/customers/{customer.Id}")).ReadAsync<CustomerResponse>());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task A_write_racing_a_delete_answers_404_never_500(string write)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        await ConcurrencyAssert.RacesWithDeleteAsync(
            _ => CreateAsync(client, NewCustomerId()),
            customer => SendAsync(client, "DELETE", customer.Id, customer.CustomerId, ifMatch: null),
            (customer, ifMatch) => SendAsync(client, write, customer.Id, customer.CustomerId, ifMatch),
            customer => client.GetAsync($"/api/customers/{customer.Id}"));
    }

    private static string NewCustomerId() => $"V{Guid.NewGuid():N}"[..12];

    private static async Task<CustomerResponse> CreateAsync(HttpClient client, string customerId) =>
        await (await client.PostAsJsonAsync("/api/customers", NewCustomer(customerId))).ReadAsync<CustomerResponse>();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string write, long id, string customerId, string? ifMatch) =>
        write == "PUT"
            ? client.SendAsync(HttpMethod.Put, $"/api/customers/{id}", NewCustomer(customerId, "Put"), ifMatch)
            : client.SendAsync(HttpMethod.Delete, $"/api/customers/{id}", null, ifMatch);
}
