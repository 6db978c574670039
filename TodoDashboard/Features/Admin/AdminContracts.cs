using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Features.Admin;

public sealed record AdminUserResponse(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil, DateTimeOffset? LastSignInAt)
{
    /// <summary>The highest of <see cref="Roles"/>: what the user may do.</summary>
    public string Role => Infrastructure.Auth.AppRoles.Highest(Roles) ?? Infrastructure.Auth.AppRoles.Member;
}

/// <summary>Users ordered by email; <see cref="Next"/> is the cursor of the following page, null on the last.</summary>
public sealed record AdminUserPage(IReadOnlyList<AdminUserResponse> Results, string? Next);

public sealed record SetRolesRequest
{
    /// <summary>Member, Operator and/or Admin; every account stays a Member.</summary>
    [Required]
    [MaxLength(3)]
    public List<string>? Roles { get; set; }
}

public enum AdminChangeStatus
{
    Done,
    NotFound,
    LastAdmin,
    Self,
    UnknownRole,
}

public sealed record AdminChange(AdminChangeStatus Status, AdminUserResponse? User = null, string? Detail = null);
