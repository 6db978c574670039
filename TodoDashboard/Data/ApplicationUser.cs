using Microsoft.AspNetCore.Identity;

namespace TodoDashboard.Data;

public class ApplicationUser : IdentityUser
{
}
