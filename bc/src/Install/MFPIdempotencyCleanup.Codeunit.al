/// <summary>
/// Deletes the Idempotency-Key records that no longer bind: older than 24 hours (docs/promises.md promise 9: keys are kept
/// 24 hours). A record past that age binds nothing already ("MFP Action Runner" overwrites it when its key comes again);
/// this only keeps the table small. Run it daily from a job queue entry (Object Type to Run: Codeunit, Object ID to
/// Run: this codeunit).
/// </summary>
codeunit 50153 "MFP Idempotency Cleanup"
{
    Access = Public;
    Permissions = tabledata "MFP Idempotency Record" = rd;

    trigger OnRun()
    var
        IdempotencyRecord: Record "MFP Idempotency Record";
        Projections: Codeunit "MFP Projections";
    begin
        IdempotencyRecord.SetFilter("Answered At", '<%1', Projections.AddMinutes(CurrentDateTime(), -24 * 60));
        IdempotencyRecord.DeleteAll();
    end;
}
