/// <summary>
/// What happened to a user's PIN code (docs/promises.md promise 7): the contract's PinCodeEventType. Never the code.
/// </summary>
enum 50142 "MFP PIN Code Event Type"
{
    Extensible = false;

    value(0; "Temporary Issued")
    {
        Caption = 'Temporary PIN code issued';
    }
    value(1; "Changed By User")
    {
        Caption = 'PIN code changed by the user';
    }
    value(2; "Failed Attempt")
    {
        Caption = 'Wrong PIN code';
    }
    value(3; Locked)
    {
        Caption = 'Locked after too many wrong PIN codes';
    }
    value(4; Unlocked)
    {
        Caption = 'Unlocked';
    }
    value(5; Expired)
    {
        Caption = 'Temporary PIN code expired';
    }
    value(6; "Device Throttled")
    {
        Caption = 'Mobile device held back';
    }
}
