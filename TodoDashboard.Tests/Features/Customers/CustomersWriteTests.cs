using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Customers;
using TodoDashboard.Infrastructure.Auth;
using static TodoDashboard.Tests.Features.Customers.CustomerRequests;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>Creating, changing and deleting customers, and the requests the write endpoints refuse.</summary>
public class CustomersWriteTests(CustomerDataset data) : IClassFixture<CustomerDataset>
{
    [Fact]
    public async Task Create_returns_the_new_id_and_get_put_delete_use_it()
    {
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var address = new { street = "Main Street", streetNumber = "12a", cityCode = "1010", city = "Vienna", country = "Austria" };

        var created = await client.PostAsJsonAsync("/api/customers", NewCustomer("CRUD-1", address: address));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await created.ReadAsync<CustomerResponse>();
        Assert.True(customer.Id > 0);
        Assert.Equal($"/api/customers/{customer.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("+4366012345678", "Vienna", 120, Gender.Female), (customer.PhoneNumber, customer.Address!.City, customer.Relationship.Points, customer.Gender));

        var fetched = await (await client.GetAsync($"/api/customers/{customer.Id}")).ReadAsync<CustomerResponse>();
        Assert.Equal(customer, fetched);

        var updated = await client.PutAsJsonAsync($"/api/customers/{customer.Id}", NewCustomer("CRUD-1", firstName: "Augusta", phone: null));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var changed = await updated.ReadAsync<CustomerResponse>();
        Assert.Equal(("Augusta", null, null), (changed.FirstName, changed.PhoneNumber, changed.Address));
        Assert.True(changed.LastUpdated > customer.LastUpdated);
        Assert.Equal(customer.Created, changed.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/customers/{customer.Id}", NewCustomer("CRUD-1"))).StatusCode);
    }

    [Fact]
    public async Task A_taken_customer_id_is_a_409_naming_it_and_writes_nothing()
    {
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        (await client.PostAsJsonAsync("/api/customers", NewCustomer("DUP-1"))).EnsureSuccessStatusCode();
        var other = await (await client.PostAsJsonAsync("/api/customers", NewCustomer("DUP-2"))).ReadAsync<CustomerResponse>();

        var duplicate = await client.PostAsJsonAsync("/api/customers", NewCustomer("DUP-1", firstName: "Twin"));
        var renamed = await client.PutAsJsonAsync($"/api/customers/{other.Id}", NewCustomer("DUP-1"));

        foreach (var response in new[] { duplicate, renamed })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("customerId", (await response.ReadAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()).Errors.Keys);
        }

        var twins = await client.PageAsync("first_name=Twin");
        Assert.Empty(twins.Results);
        Assert.Equal("DUP-2", (await (await client.GetAsync($"/api/customers/{other.Id}")).ReadAsync<CustomerResponse>()).CustomerId);
    }

    [Fact]
    public async Task The_generators_id_form_is_refused_for_new_ids_but_a_generated_customer_keeps_its_own()
    {
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var generated = await (await client.PostAsJsonAsync("/api/customers", NewCustomer("GEN-LIKE"))).ReadAsync<CustomerResponse>();
        await using (var scope = data.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TodoDashboard.Data.AppDbContext>>();
            await using var context = await db.CreateDbContextAsync();
            await context.Set<Customer>().Where(c => c.Id == generated.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, "C000000777"));
        }

        var created = await client.PostAsJsonAsync("/api/customers", NewCustomer("C000000123"));
        var renamed = await client.PutAsJsonAsync($"/api/customers/{generated.Id}", NewCustomer("C000000124"));
        var kept = await client.PutAsJsonAsync($"/api/customers/{generated.Id}", NewCustomer("C000000777", firstName: "Kept"));

        foreach (var response in new[] { created, renamed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("customerId", (await response.ReadAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()).Errors.Keys);
        }

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var keptCustomer = await kept.ReadAsync<CustomerResponse>();
        Assert.Equal(("Kept", "C000000777"), (keptCustomer.FirstName, keptCustomer.CustomerId));
        Assert.Empty((await client.PageAsync("customer_id=C000000123")).Results);
    }

    public static TheoryData<object, string> BadCustomers() => new()
    {
        { new { lastName = "L", customerId = "X1" }, "firstName" },
        { new { firstName = "  ", lastName = "L", customerId = "X1" }, "firstName" },
        { new { firstName = new string('a', 129), lastName = "L", customerId = "X1" }, "firstName" },
        { new { firstName = "F", lastName = "L" }, "customerId" },
        { new { firstName = "F", lastName = "L", customerId = "X1", phoneNumber = "0664 123" }, "phoneNumber" },
        { new { firstName = "F", lastName = "L", customerId = "X1", phoneNumber = "+0123456789" }, "phoneNumber" },
        { new { firstName = "F", lastName = "L", customerId = "X1", gender = "robot" }, "gender" },
        { new { firstName = "F", lastName = "L", customerId = "X1", points = -1 }, "points" },
        { new { firstName = "F", lastName = "L", customerId = "X1", birthday = "not a date" }, "birthday" },
        { new { firstName = "F", lastName = "L", customerId = "X1", birthday = "1899-12-31" }, "birthday" },
        { new { firstName = "F", lastName = "L", customerId = "X1", birthday = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, "birthday" },
        { new { firstName = "F", lastName = "L", customerId = "X1", address = new { street = "S", streetNumber = "1", cityCode = "1", country = "AT" } }, "address.city" },
    };

    [Theory]
    [MemberData(nameof(BadCustomers))]
    public async Task Bad_customers_answer_400_naming_the_field_and_write_nothing(object body, string field)
    {
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var existing = await (await client.PostAsJsonAsync("/api/customers", NewCustomer($"BAD-{Guid.NewGuid():N}"))).ReadAsync<CustomerResponse>();

        var created = await client.PostAsJsonAsync("/api/customers", body);
        var updated = await client.PutAsJsonAsync($"/api/customers/{existing.Id}", body);

        foreach (var response in new[] { created, updated })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await response.ReadAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()).Errors.Keys);
        }

        Assert.Empty((await client.PageAsync("customer_id=X1")).Results);
        Assert.Equal(existing, await (await client.GetAsync($"/api/customers/{existing.Id}")).ReadAsync<CustomerResponse>());
    }
}
