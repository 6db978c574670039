namespace TodoDashboard.Features.Customers;

public enum CustomerWriteStatus
{
    Done,
    NotFound,

    /// <summary>The customer is no longer at the version the caller read: nothing was written, and the result holds it as it is now.</summary>
    Stale,
    DuplicateCustomerId,

    /// <summary>C and nine digits: the generator's ids, reserved so that no run meets a hand-made one.</summary>
    ReservedCustomerId,
}
