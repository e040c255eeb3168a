/// <summary>
/// Who last set a user's PIN code: the contract's pinCodeChangedBy (user, administrator), blank while none was set.
/// </summary>
enum 50141 "MFP PIN Code Changed By"
{
    Extensible = false;

    value(0; " ")
    {
        Caption = ' ', Locked = true;
    }
    value(1; User)
    {
        Caption = 'User';
    }
    value(2; Administrator)
    {
        Caption = 'Administrator';
    }
}
