using System.Reflection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TodoDashboard.Tests;

/// <summary>
/// ./test.sh runs the "Unit" category first, before PostgreSQL and Redis exist: a class in it must start neither the
/// app nor a database, so it may take no fixture and nothing in its constructor.
/// </summary>
[Trait("Category", "Unit")]
public class UnitCategoryTests
{
    [Fact]
    public void No_unit_test_class_takes_a_fixture_a_collection_or_an_app()
    {
        var units = typeof(UnitCategoryTests).Assembly.GetTypes().Where(IsUnit).ToList();

        Assert.Contains(typeof(UnitCategoryTests), units);
        Assert.All(units, type =>
        {
            Assert.DoesNotContain(type.GetInterfaces(), i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(IClassFixture<>) || i.GetGenericTypeDefinition() == typeof(ICollectionFixture<>)));
            Assert.Null(type.GetCustomAttribute<CollectionAttribute>());
            Assert.All(type.GetConstructors(), constructor => Assert.Empty(constructor.GetParameters()));
            Assert.DoesNotContain(BaseTypes(type), t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(WebApplicationFactory<>));
        });
    }

    private static bool IsUnit(Type type) => type.GetCustomAttributesData().Any(a =>
        a.AttributeType == typeof(TraitAttribute) && a.ConstructorArguments is [{ Value: "Category" }, { Value: "Unit" }]);

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            yield return t;
        }
    }
}
