/// <summary>
/// Mobile Flow on the Business Manager Role Center: Change PIN Code for every user, and the Mobile Flow pages for
/// administrators. Add the same actions to the Role Centers your users have.
/// </summary>
pageextension 50140 "MFP Business Manager RC" extends "Business Manager Role Center"
{
    actions
    {
        addlast(Processing)
        {
            action(MFPChangePinCode)
            {
                ApplicationArea = All;
                Caption = 'Change PIN Code';
                RunObject = page "MFP Change PIN Code";
                ToolTip = 'Change your own Mobile Flow PIN code, with your current or temporary PIN code.';
            }
        }
        addlast(Sections)
        {
            group(MFPMobileFlow)
            {
                Caption = 'Mobile Flow';

                action(MFPUserSetup)
                {
                    ApplicationArea = All;
                    Caption = 'Mobile Flow User Setup';
                    RunObject = page "MFP User Setup";
                    ToolTip = 'Change the settings, issue temporary PIN codes, unlock users and read their PIN code history.';
                }
                action(MFPUsers)
                {
                    ApplicationArea = All;
                    Caption = 'Mobile Flow Users';
                    RunObject = page "MFP User Setup List";
                    ToolTip = 'Add or remove the users who sign in to Mobile Flow, with their Resource cards.';
                }
                action(MFPDevices)
                {
                    ApplicationArea = All;
                    Caption = 'Mobile Devices';
                    RunObject = page "MFP Devices";
                    ToolTip = 'View or edit the mobile devices that may check PIN codes.';
                }
                action(MFPPinPolicy)
                {
                    ApplicationArea = All;
                    Caption = 'PIN Policy';
                    RunObject = page "MFP PIN Policy";
                    ToolTip = 'View or edit the rules for PIN codes, the lock after wrong PIN codes and temporary PIN codes.';
                }
            }
        }
    }
}
