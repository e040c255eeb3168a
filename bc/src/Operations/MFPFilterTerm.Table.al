/// <summary>
/// One comparison of a parsed $filter on userSetups (the host core's FilterNode leaves): contains(field,'x'), or a
/// field compared with a text, a yes/no, a date-time, null or now(). "MFP User Setup Query" keeps the terms here and
/// the way they are joined (and, or, not) in reverse Polish order beside them. Values are data, never filter text.
/// </summary>
table 50146 "MFP Filter Term"
{
    Access = Internal;
    Caption = 'Mobile Flow Filter Term';
    DataClassification = SystemMetadata;
    TableType = Temporary;

    fields
    {
        field(1; "Entry No."; Integer)
        {
            Caption = 'Entry No.';
            DataClassification = SystemMetadata;
        }
        // contains, text, boolean or date, as the host core names the kinds.
        field(2; Kind; Text[10])
        {
            Caption = 'Kind';
            DataClassification = SystemMetadata;
        }
        // The contract's name of the field, e.g. pinCodeStatus.
        field(3; "Field Name"; Text[30])
        {
            Caption = 'Field Name';
            DataClassification = SystemMetadata;
        }
        // eq, ne, gt, ge, lt or le; blank for contains.
        field(4; Operator; Text[2])
        {
            Caption = 'Operator';
            DataClassification = SystemMetadata;
        }
        // The text compared with, or for contains the folded text looked for.
        field(5; "Text Value"; Text[1000])
        {
            Caption = 'Text Value';
            DataClassification = SystemMetadata;
        }
        field(6; "Boolean Value"; Boolean)
        {
            Caption = 'Boolean Value';
            DataClassification = SystemMetadata;
        }
        field(7; "Date Value"; DateTime)
        {
            Caption = 'Date Value';
            DataClassification = SystemMetadata;
        }
        // The value is null.
        field(8; "Is Null"; Boolean)
        {
            Caption = 'Is Null';
            DataClassification = SystemMetadata;
        }
        // The value is now(): the time of the request.
        field(9; "Is Now"; Boolean)
        {
            Caption = 'Is Now';
            DataClassification = SystemMetadata;
        }
    }

    keys
    {
        key(PK; "Entry No.")
        {
            Clustered = true;
        }
    }
}
