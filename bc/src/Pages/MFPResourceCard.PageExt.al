/// <summary>
/// The PIN code's state on the Resource card (docs/promises.md promise 4): its status, and when and by whom it was last set.
/// Never the code: the card no longer holds one, only "MFP Credential" holds its hash, which no page shows.
/// </summary>
pageextension 50141 "MFP Resource Card" extends "Resource Card"
{
    layout
    {
        addlast(Content)
        {
            group(MFPPinCode)
            {
                Caption = 'Mobile Flow PIN Code';

                field("MFP PIN Code Status"; Rec."MFP PIN Code Status")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies whether the resource''s user has no PIN code, a temporary one or one of their own.';
                }
                field("MFP PIN Code Changed At"; Rec."MFP PIN Code Changed At")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies when the PIN code was last set.';
                }
                field("MFP PIN Code Changed By"; Rec."MFP PIN Code Changed By")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies who last set the PIN code: the user or an administrator.';
                }
            }
        }
    }
}
