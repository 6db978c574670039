using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace TodoDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddCustomers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_generation_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    FirstNumber = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DroppedIndexes = table.Column<string>(type: "jsonb", nullable: false),
                    IndexesBuilt = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LoadMs = table.Column<double>(type: "double precision", nullable: true),
                    IndexMs = table.Column<double>(type: "double precision", nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_generation_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    first_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    last_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    gender = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    customer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    phone_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    birthday = table.Column<DateOnly>(type: "date", nullable: true),
                    created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_updated = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    street = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    street_number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    city_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    city = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    country = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    points = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    relationship_created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_activity = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('simple'::regconfig, coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(customer_id, '')), 'A')\n|| setweight(to_tsvector('simple'::regconfig, coalesce(city, '') || ' ' || coalesce(street, '')), 'B')\n|| setweight(to_tsvector('simple'::regconfig, coalesce(country, '')), 'C')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers", x => x.id);
                    table.CheckConstraint("ck_customers_gender", "gender IN ('undefined', 'male', 'female', 'non_binary')");
                });

            migrationBuilder.CreateIndex(
                name: "IX_customer_generation_runs_CreatedAt",
                table: "customer_generation_runs",
                column: "CreatedAt",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ux_customers_customer_id",
                table: "customers",
                column: "customer_id",
                unique: true);

            // Every sort key is (key, id) so keyset paging is one index range scan; text keys sort and filter
            // case-insensitively through lower(). The generator drops the ix_customers_* indexes for a bulk load and
            // rebuilds them from these same definitions (read back from pg_indexes).
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;

                ALTER TABLE customers ADD CONSTRAINT ck_customers_address_complete CHECK (
                    num_nulls(street, street_number, city_code, city, country) IN (0, 5));

                CREATE INDEX ix_customers_full_name ON customers (lower(first_name || ' ' || last_name), id);
                CREATE INDEX ix_customers_first_name ON customers (lower(first_name), id);
                CREATE INDEX ix_customers_last_name ON customers (lower(last_name), id);
                CREATE INDEX ix_customers_created ON customers (created, id);
                CREATE INDEX ix_customers_last_updated ON customers (last_updated, id);
                CREATE INDEX ix_customers_points ON customers (points, id);
                CREATE INDEX ix_customers_last_activity ON customers (last_activity, id);
                CREATE INDEX ix_customers_city ON customers (lower(city), id);
                CREATE INDEX ix_customers_country ON customers (lower(country), id);
                CREATE INDEX ix_customers_street ON customers (lower(street));
                CREATE INDEX ix_customers_city_code ON customers (city_code);
                CREATE INDEX ix_customers_street_number ON customers (street_number);
                CREATE INDEX ix_customers_birthday ON customers (birthday);
                CREATE INDEX ix_customers_phone_number ON customers USING gin (phone_number gin_trgm_ops);
                CREATE INDEX ix_customers_search ON customers USING gin (search_vector);

                -- One generation at a time: it reserves customer numbers and may drop and rebuild the indexes.
                CREATE UNIQUE INDEX ux_customer_generation_runs_active ON customer_generation_runs ((true))
                    WHERE "Status" IN ('Queued', 'Loading', 'Indexing');

                CREATE FUNCTION notify_customer_generation_change() RETURNS trigger AS $$
                BEGIN
                    PERFORM pg_notify('customer_generation_events', NEW."Id"::text);
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;

                CREATE TRIGGER customer_generation_runs_notify AFTER INSERT OR UPDATE ON customer_generation_runs
                    FOR EACH ROW EXECUTE FUNCTION notify_customer_generation_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS customer_generation_runs_notify ON customer_generation_runs;
                DROP FUNCTION IF EXISTS notify_customer_generation_change();
                """);
            migrationBuilder.DropTable(
                name: "customer_generation_runs");

            migrationBuilder.DropTable(
                name: "customers");
        }
    }
}
