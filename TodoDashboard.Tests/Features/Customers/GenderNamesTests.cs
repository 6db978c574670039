using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The API's and the database's gender names, one per value.</summary>
[Trait("Category", "Unit")]
public class GenderNamesTests
{
    [Fact]
    public void Every_gender_has_one_snake_case_name_that_reads_back_as_itself()
    {
        Assert.Equal(["undefined", "male", "female", "non_binary"], GenderNames.All);
        Assert.All(Enum.GetValues<Gender>(), gender =>
        {
            Assert.True(GenderNames.TryParse(GenderNames.ToName(gender), out var parsed));
            Assert.Equal(gender, parsed);
        });
    }

    [Theory]
    [InlineData("Female", Gender.Female)]
    [InlineData("  MALE ", Gender.Male)]
    [InlineData("Non_Binary", Gender.NonBinary)]
    public void A_name_reads_in_any_case_and_with_spaces_around_it(string name, Gender expected)
    {
        Assert.True(GenderNames.TryParse(name, out var gender));
        Assert.Equal(expected, gender);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nonbinary")]
    [InlineData("non-binary")]
    [InlineData("NonBinary")]
    [InlineData("1")]
    public void Anything_else_is_not_a_gender_and_a_stored_one_reads_as_undefined(string? name)
    {
        Assert.False(GenderNames.TryParse(name, out _));
        Assert.Equal(Gender.Undefined, GenderNames.Parse(name!));
    }
}
