/// <summary>
/// Who uses Mobile Flow: an administrator adds a user here, with their Resource card, and removes one who leaves (with
/// their credential and history). The settings and PIN codes are changed in the Mobile Flow User Setup (the add-in),
/// which checks them and keeps the history; here they are shown only. Never a PIN code or its hash.
/// </summary>
page 50142 "MFP User Setup List"
{
    ApplicationArea = All;
    Caption = 'Mobile Flow Users';
    PageType = List;
    SourceTable = "MFP User Setup";
    UsageCategory = Lists;

    layout
    {
        area(Content)
        {
            repeater(Users)
            {
                field("User ID"; Rec."User ID")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies the Business Central user who signs in to Mobile Flow.';
                }
                field("Display Name"; Rec."Display Name")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies the user''s name, from the user card.';
                }
                field("Resource No."; Rec."Resource No.")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies the Resource card the user works as on a mobile device, where their PIN code is checked.';
                }
                field("Password Mandatory"; Rec."Password Mandatory")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies whether a mobile device always asks for the user''s PIN code. Change it in the Mobile Flow User Setup.';
                }
                field("Allow PIN Code"; Rec."Allow PIN Code")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies whether the user may hold a PIN code, change it and be issued one. Change it in the Mobile Flow User Setup.';
                }
                field("PIN Code Status"; Rec."PIN Code Status")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies whether the user has no PIN code, a temporary one or one of their own.';
                }
                field("PIN Code Changed At"; Rec."PIN Code Changed At")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies when the PIN code was last set.';
                }
                field("PIN Code Changed By"; Rec."PIN Code Changed By")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies who last set the PIN code: the user or an administrator.';
                }
                field("Temporary Expires At"; Rec."Temporary Expires At")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies until when a temporary PIN code is valid.';
                }
                field("Locked Until"; Rec."Locked Until")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies until when the user is locked after too many wrong PIN codes.';
                }
            }
        }
    }

    actions
    {
        area(Navigation)
        {
            action(OpenUserSetup)
            {
                ApplicationArea = All;
                Caption = 'Mobile Flow User Setup';
                Image = UserSetup;
                RunObject = page "MFP User Setup";
                ToolTip = 'Change the settings, issue temporary PIN codes, unlock users and read their PIN code history.';
            }
            action(PinCodeHistory)
            {
                ApplicationArea = All;
                Caption = 'PIN Code History';
                Image = History;
                RunObject = page "MFP PIN Code Events";
                RunPageLink = "User ID" = field("User ID");
                ToolTip = 'View what happened to the user''s PIN code: issued, changed, wrong, locked, unlocked, expired.';
            }
            action(Devices)
            {
                ApplicationArea = All;
                Caption = 'Mobile Devices';
                RunObject = page "MFP Devices";
                ToolTip = 'View or edit the mobile devices that may check PIN codes.';
            }
            action(PinPolicy)
            {
                ApplicationArea = All;
                Caption = 'PIN Policy';
                Image = Setup;
                RunObject = page "MFP PIN Policy";
                ToolTip = 'View or edit the rules for PIN codes, the lock after wrong PIN codes and temporary PIN codes.';
            }
        }
    }
}
