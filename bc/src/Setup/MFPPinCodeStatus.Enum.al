/// <summary>
/// The state of a user's PIN code, as the contract names it: notSet, temporary, set. The ordinals are the order a sort
/// by status gives on every host (not set, temporary, set).
/// </summary>
enum 50140 "MFP PIN Code Status"
{
    Extensible = false;

    value(0; "Not Set")
    {
        Caption = 'Not set';
    }
    value(1; "Temporary")
    {
        Caption = 'Temporary';
    }
    value(2; "Set")
    {
        Caption = 'Set';
    }
}
