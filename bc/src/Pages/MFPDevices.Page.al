/// <summary>
/// The mobile devices: the Business Central users that may check PIN codes (a handheld's user, or the Microsoft Entra
/// application a scanner app signs in as, which also needs the permission set MFP PIN DEVICE). Shows each device's
/// throttle: its wrong PIN codes within the window and until when it is held back.
/// </summary>
page 50143 "MFP Devices"
{
    ApplicationArea = All;
    Caption = 'Mobile Flow Devices';
    PageType = List;
    SourceTable = "MFP Device";
    UsageCategory = Administration;

    layout
    {
        area(Content)
        {
            repeater(Devices)
            {
                field("User ID"; Rec."User ID")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies the Business Central user the device signs in as.';
                }
                field(Description; Rec.Description)
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies which device this is, for example where it is used.';
                }
                field(WrongPinCodes; WrongPinCodes)
                {
                    ApplicationArea = All;
                    Caption = 'Wrong PIN Codes in Window';
                    Editable = false;
                    ToolTip = 'Specifies how many wrong PIN codes the device sent within the window of the PIN policy, whoever they were for.';
                }
                field(HeldBackUntil; HeldBackUntil)
                {
                    ApplicationArea = All;
                    Caption = 'Held Back Until';
                    Editable = false;
                    ToolTip = 'Specifies until when the device may check no PIN code, after too many wrong ones.';
                }
            }
        }
    }

    var
        WrongPinCodes: Integer;
        HeldBackUntil: DateTime;

    trigger OnAfterGetRecord()
    var
        DeviceThrottle: Codeunit "MFP Device Throttle";
    begin
        Rec.CalcFields("Recent Failures", "Held For");
        WrongPinCodes := DeviceThrottle.RecentFailureCount(Rec, CurrentDateTime());
        HeldBackUntil := DeviceThrottle.HeldBackUntil(Rec, CurrentDateTime());
    end;
}
