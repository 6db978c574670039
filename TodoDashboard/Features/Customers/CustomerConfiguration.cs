using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace TodoDashboard.Features.Customers;

public class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    /// <summary>Names weigh most, then city and street, then country; 'simple' does not stem names. Ids are not words here (see CustomersSearchIdsByBTree).</summary>
    public const string SearchVectorSql = """
        setweight(to_tsvector('simple'::regconfig, coalesce(first_name, '') || ' ' || coalesce(last_name, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(city, '') || ' ' || coalesce(street, '')), 'B')
        || setweight(to_tsvector('simple'::regconfig, coalesce(country, '')), 'C')
        """;

    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers", t => t.HasCheckConstraint(
            "ck_customers_gender", "gender IN ('undefined', 'male', 'female', 'non_binary')"));
        builder.Property(c => c.Id).HasColumnName("id");
        builder.Property(c => c.FirstName).HasColumnName("first_name").HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.LastName).HasColumnName("last_name").HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.Gender).HasColumnName("gender").HasMaxLength(16)
            .HasConversion(g => GenderNames.ToName(g), s => GenderNames.Parse(s));
        builder.Property(c => c.CustomerId).HasColumnName("customer_id").HasMaxLength(Customer.CustomerIdMaxLength);
        builder.Property(c => c.PhoneNumber).HasColumnName("phone_number").HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.Birthday).HasColumnName("birthday");
        builder.Property(c => c.Created).HasColumnName("created");
        builder.Property(c => c.LastUpdated).HasColumnName("last_updated");
        builder.Property(c => c.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasIndex(c => c.CustomerId).IsUnique().HasDatabaseName("ux_customers_customer_id");
        // Customer ids are searched through an index of their own (ix_customers_customer_id_search, CustomersSearchIdsByBTree),
        // not as words: one word per customer made most of the full-text index.

        builder.OwnsOne(c => c.Address, address =>
        {
            address.Property(a => a.Street).HasColumnName("street").HasMaxLength(CustomerAddress.StreetMaxLength);
            address.Property(a => a.StreetNumber).HasColumnName("street_number").HasMaxLength(CustomerAddress.ShortMaxLength);
            address.Property(a => a.CityCode).HasColumnName("city_code").HasMaxLength(CustomerAddress.ShortMaxLength);
            address.Property(a => a.City).HasColumnName("city").HasMaxLength(Customer.NameMaxLength);
            address.Property(a => a.Country).HasColumnName("country").HasMaxLength(Customer.NameMaxLength);
        });
        builder.OwnsOne(c => c.Relationship, relationship =>
        {
            relationship.Property(r => r.Points).HasColumnName("points").HasDefaultValue(0);
            relationship.Property(r => r.Created).HasColumnName("relationship_created");
            relationship.Property(r => r.LastActivity).HasColumnName("last_activity");
        });
        builder.Navigation(c => c.Relationship).IsRequired();

        // Computed by PostgreSQL when a row is written, so a search never runs to_tsvector() per row.
        builder.Property<NpgsqlTsVector>("SearchVector").HasColumnName("search_vector")
            .HasComputedColumnSql(SearchVectorSql, stored: true);

        // The sort and filter indexes are expressions (lower(...), trigrams): see the AddCustomers migration.
    }
}
