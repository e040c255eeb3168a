/// <summary>
/// The PIN code history of each user (docs/promises.md promise 7): what happened, when and who caused it. Never the code.
/// The contract's id of an event is its entry number.
/// </summary>
table 50142 "MFP PIN Code Event"
{
    Caption = 'Mobile Flow PIN Code Event';
    DataClassification = CustomerContent;
    DrillDownPageId = "MFP PIN Code Events";
    LookupPageId = "MFP PIN Code Events";

    fields
    {
        field(1; "Entry No."; Integer)
        {
            AutoIncrement = true;
            Caption = 'Entry No.';
            DataClassification = SystemMetadata;
        }
        field(2; "User ID"; Code[50])
        {
            Caption = 'User ID';
            DataClassification = EndUserIdentifiableInformation;
            TableRelation = "MFP User Setup"."User ID";
        }
        field(3; "Event Type"; Enum "MFP PIN Code Event Type")
        {
            Caption = 'Event';
            DataClassification = CustomerContent;
        }
        field(4; "Occurred At"; DateTime)
        {
            Caption = 'Occurred At';
            DataClassification = CustomerContent;
        }
        field(5; Actor; Enum "MFP PIN Code Actor")
        {
            Caption = 'Caused By';
            DataClassification = CustomerContent;
        }
        field(6; "Actor User ID"; Code[50])
        {
            Caption = 'Caused By User ID';
            DataClassification = EndUserIdentifiableInformation;
        }
    }

    keys
    {
        key(PK; "Entry No.")
        {
            Clustered = true;
        }
        key(ByUser; "User ID", "Entry No.")
        {
        }
    }
}
