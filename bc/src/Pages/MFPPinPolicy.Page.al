/// <summary>
/// The PIN policy of the tenant (the contract's pinPolicy): what a PIN code must be, when wrong codes lock a user or
/// hold a device back, and how temporary PIN codes are made. The Change PIN Code dialog shows the same rules as the user
/// types.
/// </summary>
page 50144 "MFP PIN Policy"
{
    ApplicationArea = All;
    Caption = 'Mobile Flow PIN Policy';
    DeleteAllowed = false;
    InsertAllowed = false;
    PageType = Card;
    SourceTable = "MFP PIN Policy";
    UsageCategory = Administration;

    layout
    {
        area(Content)
        {
            group(PinCodes)
            {
                Caption = 'PIN Codes';

                field("Min. Length"; Rec."Min. Length")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies the fewest digits a PIN code has (4 to 12).';
                }
                field("Max. Length"; Rec."Max. Length")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies the most digits a PIN code has (4 to 12).';
                }
                field("History Depth"; Rec."History Depth")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies how many of the user''s last PIN codes a new one must differ from (0 to 24).';
                }
            }
            group(WrongPinCodes)
            {
                Caption = 'Wrong PIN Codes';

                field("Max. Failed Attempts"; Rec."Max. Failed Attempts")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies after how many wrong PIN codes in a row a user is locked (3 to 100).';
                }
                field("Lockout Minutes"; Rec."Lockout Minutes")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies how many minutes a user stays locked, unless an administrator unlocks them (1 to 1440).';
                }
                field("Max. Device Failures"; Rec."Max. Device Failures")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies how many wrong PIN codes one device may send within the window, whoever they are for, before it is held back (5 to 1000).';
                }
                field("Device Failure Window (Min.)"; Rec."Device Failure Window (Min.)")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies the window, in minutes, in which a device''s wrong PIN codes are counted (1 to 1440).';
                }
            }
            group(TemporaryPinCodes)
            {
                Caption = 'Temporary PIN Codes';

                field("Temporary Length"; Rec."Temporary Length")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies how many digits a generated temporary PIN code has (6 to 12).';
                }
                field("Temporary TTL Hours"; Rec."Temporary TTL Hours")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies how many hours a temporary PIN code is valid (1 to 720).';
                }
                field("Admin. May Choose PIN Code"; Rec."Admin. May Choose PIN Code")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies whether an administrator may type a temporary PIN code instead of having one generated.';
                }
            }
        }
    }

    trigger OnOpenPage()
    begin
        Rec.Reset();
        if not Rec.Get() then begin
            Rec.Init();
            Rec.Insert();
        end;
    end;
}
