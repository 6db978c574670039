using System.Text.RegularExpressions;

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>The original demo's validation rules, checked in the application; every failing rule is reported.</summary>
public static partial class MultiDbRules
{
    public const int NameMaxLength = 100;

    public const int EmailMaxLength = 254;

    [GeneratedRegex(@"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$")]
    private static partial Regex EmailPattern();

    public static IEnumerable<int> Number(IEnumerable<int?> rows) => rows.Select((row, index) => row ?? index + 1);

    public static List<string> Check(UserRow user)
    {
        var errors = CheckName(user.Name);
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            errors.Add("Email is required.");
        }
        else if (Infrastructure.Validation.InputPolicy.Length(user.Email) > EmailMaxLength)
        {
            errors.Add($"Email must be at most {EmailMaxLength} characters.");
        }
        else if (!EmailPattern().IsMatch(user.Email))
        {
            errors.Add($"Email '{user.Email}' is not a valid address.");
        }

        return errors;
    }

    public static List<string> Check(ProductRow product)
    {
        var errors = CheckName(product.Name);
        if (product.Price is null)
        {
            errors.Add("Price is required.");
        }
        else if (product.Price <= 0)
        {
            errors.Add($"Price must be greater than 0 (got {product.Price}).");
        }
        else if (product.Price >= 100_000_000 || decimal.Round(product.Price.Value, 2) != product.Price)
        {
            errors.Add("Price must be below 100,000,000 with at most two decimals.");
        }

        return errors;
    }

    public static List<string> Check(OrderRow order)
    {
        var errors = new List<string>();
        if (order.Quantity is null)
        {
            errors.Add("Quantity is required.");
        }
        else if (order.Quantity <= 0)
        {
            errors.Add($"Quantity must be greater than 0 (got {order.Quantity}).");
        }

        return errors;
    }

    private static List<string> CheckName(string? name)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("Name is required.");
        }
        else if (Infrastructure.Validation.InputPolicy.Length(name) > NameMaxLength)
        {
            errors.Add($"Name must be at most {NameMaxLength} characters.");
        }

        return errors;
    }

    /// <summary>The original demo's 30 rows: users 9 / 1, products 9 / 1, orders 7 / 3 on every run.</summary>
    public static MultiDbBatch DefaultDataset { get; } = new()
    {
        Users =
        [
            new(1, "Alice", "alice@example.com"), new(2, "Bob", "bob@example.com"), new(3, "Charlie", "charlie@example.com"),
            new(4, "David", "david@example.com"), new(5, "Eve", "eve@example.com"), new(6, "Frank", "frank@example.com"),
            new(7, "Grace", "grace@example.com"), new(8, "Alice", "alice@example.com"), new(9, "Henry", "henry@example.com"),
            new(10, "", "empty@example.com"),
        ],
        Products =
        [
            new(1, "Laptop", 1000), new(2, "Smartphone", 700), new(3, "Headphones", 150), new(4, "Monitor", 300),
            new(5, "Keyboard", 50), new(6, "Mouse", 30), new(7, "Laptop", 1000), new(8, "Smartwatch", 250),
            new(9, "Gaming Chair", 500), new(10, "Earbuds", -50),
        ],
        Orders =
        [
            Order(1, 1, 1, 2), Order(2, 2, 2, 1), Order(3, 3, 3, 5), Order(4, 4, 4, 1), Order(5, 5, 5, 3),
            Order(6, 6, 6, 4), Order(7, 7, 7, 2), Order(8, 8, 8, 0), Order(9, 9, 1, -1), Order(10, 10, 11, 2),
        ],
    };

    /// <summary><paramref name="n"/> valid rows per table, order i for user i and product i.</summary>
    public static MultiDbBatch Generate(int n) => Generate(1, n);

    /// <summary>
    /// Rows <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of every generated batch:
    /// row i is the same whichever range it is generated in, and its order names user i and product i, so a range
    /// holds everything its orders reference.
    /// </summary>
    public static MultiDbBatch Generate(int first, int count) => new()
    {
        Users = Enumerable.Range(first, count).Select(i => new UserRow(i, $"User {i}", $"user{i}@example.com")).ToList(),
        Products = Enumerable.Range(first, count).Select(i => new ProductRow(i, $"Product {i}", 1 + (i % 1000))).ToList(),
        Orders = Enumerable.Range(first, count).Select(i => Order(i, i, i, 1 + (i % 5))).ToList(),
    };

    private static OrderRow Order(int row, int userRow, int productRow, int quantity) => new(row, userRow, productRow, null, null, quantity);
}
