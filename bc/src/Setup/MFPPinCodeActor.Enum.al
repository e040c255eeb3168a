/// <summary>
/// Who caused a PIN code event: the contract's actor (user, administrator, device, host).
/// </summary>
enum 50143 "MFP PIN Code Actor"
{
    Extensible = false;

    value(0; User)
    {
        Caption = 'User';
    }
    value(1; Administrator)
    {
        Caption = 'Administrator';
    }
    value(2; Device)
    {
        Caption = 'Mobile device';
    }
    value(3; Host)
    {
        Caption = 'The system';
    }
}
