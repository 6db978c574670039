using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Components;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The customers page's view in its address: a link shows it, a change writes it, Back restores it, a bad link shows the defaults and says why.</summary>
public class CustomersPageAddressTests(CustomerDataset data) : CustomersPageTestContext(data)
{
    [Fact]
    public async Task A_link_shows_its_search_filters_sort_and_page_size()
    {
        var customers = await Factory.InsertAsync();
        Navigation.NavigateTo("customers?search=anthony&city=Vienna&sort_by=points&ordering=descending&page_size=10");

        var page = Render<CustomersPage>();

        var expected = CustomerDataset.Order(customers.Where(c => c.FirstName == "Anthony" && c.Address?.City == "Vienna"), CustomerSort.Points, descending: true)
            .Take(10).Select(c => c.CustomerId).ToList();
        Assert.NotEmpty(expected);
        page.WaitForAssertion(() => Assert.Equal(expected, CustomerIds(page)), DatabaseTimeout);
        Assert.Equal("anthony", Search(page).GetAttribute("value"));
        Assert.Equal("Vienna", Field(page, "City").GetAttribute("value"));
        Assert.Equal("descending", page.FindAll("th[aria-sort]").Single().GetAttribute("aria-sort"));
        Assert.StartsWith("Points,", page.Find("th[aria-sort] button").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=customers-address-notice]"));
    }

    [Fact]
    public async Task A_change_writes_the_api_parameters_into_the_address_and_the_next_page_its_cursor()
    {
        var customers = await Factory.InsertAsync();
        var page = RenderFirstPage();

        await Field(page, "Min points").InputAsync(new ChangeEventArgs { Value = "500" });
        page.WaitForAssertion(() => Assert.Equal(Expected(customers.Where(c => c.Relationship.Points >= 500)), CustomerIds(page)), DatabaseTimeout);
        Assert.EndsWith("/customers?min_points=500&sort_by=created&ordering=descending&page_size=20", Navigation.Uri, StringComparison.Ordinal);

        await page.ClickAsync(() => page.Find("[data-testid=customers-next]"));
        page.WaitForAssertion(() => Assert.Contains("&cursor=", Navigation.Uri, StringComparison.Ordinal), DatabaseTimeout);
        Assert.Equal(2, Navigation.History.Count);
        Assert.All(Navigation.History, entry => Assert.False(entry.Options.ReplaceHistoryEntry));
    }

    [Fact]
    public async Task Going_back_to_an_earlier_address_shows_its_search_again()
    {
        var customers = await Factory.InsertAsync();
        var page = RenderFirstPage();
        await Search(page).InputAsync(new ChangeEventArgs { Value = "maria" });
        page.WaitForAssertion(() => Assert.Equal(Expected(customers.Where(c => c.FirstName == "maria")), CustomerIds(page)), DatabaseTimeout);

        // What Back does: the browser shows an address the page did not just write.
        await page.InvokeAsync(() => Navigation.NavigateTo("customers?search=zoe&sort_by=created&ordering=descending"));

        page.WaitForAssertion(() => Assert.Equal(Expected(customers.Where(c => c.FirstName == "Zoe")), CustomerIds(page)), DatabaseTimeout);
        Assert.Equal("zoe", Search(page).GetAttribute("value"));
    }

    [Fact]
    public async Task A_link_with_bad_parameters_shows_the_defaults_and_says_what_was_wrong()
    {
        var customers = await Factory.InsertAsync();
        Navigation.NavigateTo("customers?search=maria&min_points=lots&sort_by=shoe_size");

        var page = Render<CustomersPage>();

        page.WaitForAssertion(() => Assert.Equal(Expected(customers), CustomerIds(page)), DatabaseTimeout);
        var notice = page.Find("[data-testid=customers-address-notice]").TextContent;
        Assert.Contains("'lots' is not valid for 'min_points'", notice, StringComparison.Ordinal);
        Assert.Contains("'sort_by' must be one of", notice, StringComparison.Ordinal);
        Assert.Equal("", Search(page).GetAttribute("value") ?? "");
        Assert.Empty(page.FindAll("[data-testid=customers-error]"));
    }

    private BunitNavigationManager Navigation => (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
}
