/// <summary>
/// POST userSetups({id})/Microsoft.NAV.unlockPinCode (src/host/operations/unlock-pin-code.ts): the administrator ends a
/// lock and clears the count of wrong PIN codes; the history says so when there was a lock to end.
/// </summary>
codeunit 50157 "MFP Unlock PIN Action"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = rm;

    /// <summary>Decides on the user's setup read inside their section, and writes it.</summary>
    procedure Decide(var UserSetup: Record "MFP User Setup"; var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        PinState: Codeunit "MFP PIN State";
        Projections: Codeunit "MFP Projections";
        WasLocked: Boolean;
        Now: DateTime;
    begin
        Now := Request.GetNow();
        WasLocked := Projections.IsAfter(UserSetup."Locked Until", Now);
        UserSetup."Locked Until" := 0DT;
        UserSetup."Failed Attempts" := 0;
        UserSetup.NextVersion();
        UserSetup.Modify();
        if WasLocked then
            PinState.AddEvent(UserSetup, "MFP PIN Code Event Type"::Unlocked, "MFP PIN Code Actor"::Administrator, Request.GetCallerUserId(), Now);
        Answer.Ok(Projections.UserSetupJson(UserSetup, Now));
    end;
}
