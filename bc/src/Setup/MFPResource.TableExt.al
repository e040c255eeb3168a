/// <summary>
/// The PIN code's state on the Resource card (docs/promises.md promise 4: the Resource card follows): its status, when and by
/// whom it was last set, and the card's version, which is its @odata.etag. Never the code or its hash: those are in
/// "MFP Credential", which no page shows.
/// </summary>
tableextension 50140 "MFP Resource" extends Resource
{
    fields
    {
        field(50140; "MFP PIN Code Status"; Enum "MFP PIN Code Status")
        {
            Caption = 'Mobile Flow PIN Code Status';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(50141; "MFP PIN Code Changed At"; DateTime)
        {
            Caption = 'Mobile Flow PIN Code Changed At';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(50142; "MFP PIN Code Changed By"; Enum "MFP PIN Code Changed By")
        {
            Caption = 'Mobile Flow PIN Code Changed By';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(50143; "MFP Card Version"; Integer)
        {
            Caption = 'Mobile Flow Card Version';
            DataClassification = SystemMetadata;
            Editable = false;
        }
    }
}
