/// <summary>
/// The throttle of a device (docs/promises.md promise 11, src/host/device-throttle.ts): guessing spread over many users is
/// stopped. A device that has sent Max. Device Failures wrong codes within the window, whoever they were for, is refused
/// every check until the oldest of them has left the window. Decided on the device's record, locked inside the user's
/// section (after the user's setup, never before it, so that two sections never wait for each other in a circle):
/// exact under bursts and across sessions and servers. The user's own lock goes on as before, and other devices are
/// not affected.
/// </summary>
codeunit 50151 "MFP Device Throttle"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP Device" = rm,
                  tabledata "MFP PIN Code Event" = ri;

    var
        Projections: Codeunit "MFP Projections";
        HeldBackErr: Label 'This device sent %1 wrong PIN codes within %2 minutes: it may check again in %3 seconds.', Comment = '%1 = number of wrong PIN codes, %2 = minutes, %3 = seconds';

    /// <summary>
    /// Refuses a device held back: 429 Request_TooManyRequests with when it may check again (Retry-After and
    /// retryAfter, in seconds), and the deviceThrottled event in the history of each user it tried while held back, once.
    /// False while the device may check.
    /// </summary>
    procedure RefuseHeldBack(var Device: Record "MFP Device"; UserSetup: Record "MFP User Setup"; Now: DateTime; var Answer: Codeunit "MFP Answer"): Boolean
    var
        PinPolicy: Record "MFP PIN Policy";
        PinState: Codeunit "MFP PIN State";
        Recent: List of [DateTime];
        HeldFor: List of [Text];
        FreeAt: DateTime;
        UntilFree: BigInteger;
        RetryAfter: Integer;
        UserSetupId: Text;
    begin
        PinPolicy.GetPolicy();
        RecentFailures(Device, Now, PinPolicy, Recent);
        if Recent.Count() < PinPolicy."Max. Device Failures" then
            exit(false);
        FreeAt := Projections.AddMinutes(Recent.Get(Recent.Count() - PinPolicy."Max. Device Failures" + 1), PinPolicy."Device Failure Window (Min.)");
        UntilFree := FreeAt - Now;
        RetryAfter := (UntilFree + 999) div 1000;
        if RetryAfter < 1 then
            RetryAfter := 1;
        Answer.RefuseTooManyRequests(StrSubstNo(HeldBackErr, PinPolicy."Max. Device Failures", PinPolicy."Device Failure Window (Min.)", RetryAfter), RetryAfter);
        Device.GetHeldFor(HeldFor);
        UserSetupId := Projections.IdOf(UserSetup.SystemId);
        if HeldFor.Contains(UserSetupId) then
            exit(true);
        HeldFor.Add(UserSetupId);
        Device.SetHeldFor(HeldFor);
        Device.SetRecentFailures(Recent);
        Device.Modify();
        PinState.AddEvent(UserSetup, "MFP PIN Code Event Type"::"Device Throttled", "MFP PIN Code Actor"::Device, '', Now);
        exit(true);
    end;

    /// <summary>Counts one more wrong code of the device at Now: the latest Max. Device Failures kept, no longer held back.</summary>
    procedure CountFailure(var Device: Record "MFP Device"; Now: DateTime)
    var
        PinPolicy: Record "MFP PIN Policy";
        Recent: List of [DateTime];
        NoneHeld: List of [Text];
    begin
        PinPolicy.GetPolicy();
        RecentFailures(Device, Now, PinPolicy, Recent);
        Recent.Add(Now);
        while Recent.Count() > PinPolicy."Max. Device Failures" do
            Recent.RemoveAt(1);
        Device.SetRecentFailures(Recent);
        Device.SetHeldFor(NoneHeld);
        Device.Modify();
    end;

    /// <summary>Until when a device is held back, for the Devices page; blank while it may check.</summary>
    procedure HeldBackUntil(var Device: Record "MFP Device"; Now: DateTime): DateTime
    var
        PinPolicy: Record "MFP PIN Policy";
        Recent: List of [DateTime];
    begin
        PinPolicy.GetPolicy();
        RecentFailures(Device, Now, PinPolicy, Recent);
        if Recent.Count() < PinPolicy."Max. Device Failures" then
            exit(0DT);
        exit(Projections.AddMinutes(Recent.Get(Recent.Count() - PinPolicy."Max. Device Failures" + 1), PinPolicy."Device Failure Window (Min.)"));
    end;

    /// <summary>How many wrong codes the device sent within the window, for the Devices page.</summary>
    procedure RecentFailureCount(var Device: Record "MFP Device"; Now: DateTime): Integer
    var
        PinPolicy: Record "MFP PIN Policy";
        Recent: List of [DateTime];
    begin
        PinPolicy.GetPolicy();
        RecentFailures(Device, Now, PinPolicy, Recent);
        exit(Recent.Count());
    end;

    /// <summary>The device's wrong codes still inside the window at Now, oldest first.</summary>
    local procedure RecentFailures(var Device: Record "MFP Device"; Now: DateTime; PinPolicy: Record "MFP PIN Policy"; var Recent: List of [DateTime])
    var
        Failures: List of [DateTime];
        WindowStart: DateTime;
        Failure: DateTime;
    begin
        Clear(Recent);
        WindowStart := Projections.AddMinutes(Now, -PinPolicy."Device Failure Window (Min.)");
        Device.GetRecentFailures(Failures);
        foreach Failure in Failures do
            if Failure > WindowStart then
                Recent.Add(Failure);
    end;
}
