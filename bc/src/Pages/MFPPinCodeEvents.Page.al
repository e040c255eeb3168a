/// <summary>
/// The PIN code history (docs/promises.md promise 7), newest first: what happened to whose PIN code, when and who caused it.
/// Never the code. Read-only.
/// </summary>
page 50145 "MFP PIN Code Events"
{
    ApplicationArea = All;
    Caption = 'Mobile Flow PIN Code History';
    DeleteAllowed = false;
    Editable = false;
    InsertAllowed = false;
    ModifyAllowed = false;
    PageType = List;
    SourceTable = "MFP PIN Code Event";
    SourceTableView = sorting("Entry No.") order(descending);
    UsageCategory = History;

    layout
    {
        area(Content)
        {
            repeater(PinCodeEvents)
            {
                field("Occurred At"; Rec."Occurred At")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies when it happened.';
                }
                field("User ID"; Rec."User ID")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies whose PIN code it happened to.';
                }
                field("Event Type"; Rec."Event Type")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies what happened to the PIN code.';
                }
                field(Actor; Rec.Actor)
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies who caused it: the user, an administrator, a mobile device or the system.';
                }
                field("Actor User ID"; Rec."Actor User ID")
                {
                    ApplicationArea = All;
                    ToolTip = 'Specifies the user or administrator who caused it.';
                }
            }
        }
    }
}
