//! The protobuf messages the node decodes and encodes: Cosmos SDK transactions (`cosmos.tx.v1beta1`),
//! accounts, bank, and wasmd's `cosmwasm.wasm.v1` messages and queries. Declared here with prost's
//! derive (the field numbers are those of the `.proto` files of Cosmos SDK 0.50 and wasmd 0.5x);
//! only the fields the node reads or writes are declared: protobuf skips the others.

use prost::Message;

#[derive(Clone, PartialEq, Message)]
pub struct Any {
    #[prost(string, tag = "1")]
    pub type_url: String,
    #[prost(bytes = "vec", tag = "2")]
    pub value: Vec<u8>,
}

impl Any {
    pub fn pack<M: Message>(type_url: &str, msg: &M) -> Any {
        Any { type_url: type_url.to_string(), value: msg.encode_to_vec() }
    }
}

#[derive(Clone, PartialEq, Message)]
pub struct Coin {
    #[prost(string, tag = "1")]
    pub denom: String,
    #[prost(string, tag = "2")]
    pub amount: String,
}

// ---- cosmos.tx.v1beta1 ----

#[derive(Clone, PartialEq, Message)]
pub struct TxRaw {
    #[prost(bytes = "vec", tag = "1")]
    pub body_bytes: Vec<u8>,
    #[prost(bytes = "vec", tag = "2")]
    pub auth_info_bytes: Vec<u8>,
    #[prost(bytes = "vec", repeated, tag = "3")]
    pub signatures: Vec<Vec<u8>>,
}

#[derive(Clone, PartialEq, Message)]
pub struct TxBody {
    #[prost(message, repeated, tag = "1")]
    pub messages: Vec<Any>,
    #[prost(string, tag = "2")]
    pub memo: String,
    #[prost(uint64, tag = "3")]
    pub timeout_height: u64,
}

#[derive(Clone, PartialEq, Message)]
pub struct AuthInfo {
    #[prost(message, repeated, tag = "1")]
    pub signer_infos: Vec<SignerInfo>,
    #[prost(message, optional, tag = "2")]
    pub fee: Option<Fee>,
}

#[derive(Clone, PartialEq, Message)]
pub struct SignerInfo {
    #[prost(message, optional, tag = "1")]
    pub public_key: Option<Any>,
    #[prost(message, optional, tag = "2")]
    pub mode_info: Option<ModeInfo>,
    #[prost(uint64, tag = "3")]
    pub sequence: u64,
}

#[derive(Clone, PartialEq, Message)]
pub struct ModeInfo {
    #[prost(message, optional, tag = "1")]
    pub single: Option<ModeInfoSingle>,
}

#[derive(Clone, PartialEq, Message)]
pub struct ModeInfoSingle {
    #[prost(int32, tag = "1")]
    pub mode: i32,
}

/// `SIGN_MODE_DIRECT`.
pub const SIGN_MODE_DIRECT: i32 = 1;

#[derive(Clone, PartialEq, Message)]
pub struct Fee {
    #[prost(message, repeated, tag = "1")]
    pub amount: Vec<Coin>,
    #[prost(uint64, tag = "2")]
    pub gas_limit: u64,
    #[prost(string, tag = "3")]
    pub payer: String,
    #[prost(string, tag = "4")]
    pub granter: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct SignDoc {
    #[prost(bytes = "vec", tag = "1")]
    pub body_bytes: Vec<u8>,
    #[prost(bytes = "vec", tag = "2")]
    pub auth_info_bytes: Vec<u8>,
    #[prost(string, tag = "3")]
    pub chain_id: String,
    #[prost(uint64, tag = "4")]
    pub account_number: u64,
}

#[derive(Clone, PartialEq, Message)]
pub struct SimulateRequest {
    #[prost(bytes = "vec", tag = "2")]
    pub tx_bytes: Vec<u8>,
}

#[derive(Clone, PartialEq, Message)]
pub struct SimulateResponse {
    #[prost(message, optional, tag = "1")]
    pub gas_info: Option<GasInfo>,
    #[prost(message, optional, tag = "2")]
    pub result: Option<AbciResult>,
}

#[derive(Clone, PartialEq, Message)]
pub struct GasInfo {
    #[prost(uint64, tag = "1")]
    pub gas_wanted: u64,
    #[prost(uint64, tag = "2")]
    pub gas_used: u64,
}

/// `cosmos.base.abci.v1beta1.Result`.
#[derive(Clone, PartialEq, Message)]
pub struct AbciResult {
    #[prost(string, tag = "2")]
    pub log: String,
    #[prost(message, repeated, tag = "3")]
    pub events: Vec<AbciEvent>,
    #[prost(message, repeated, tag = "4")]
    pub msg_responses: Vec<Any>,
}

/// `tendermint.abci.Event`.
#[derive(Clone, PartialEq, Message)]
pub struct AbciEvent {
    #[prost(string, tag = "1")]
    pub r#type: String,
    #[prost(message, repeated, tag = "2")]
    pub attributes: Vec<AbciEventAttribute>,
}

#[derive(Clone, PartialEq, Message)]
pub struct AbciEventAttribute {
    #[prost(string, tag = "1")]
    pub key: String,
    #[prost(string, tag = "2")]
    pub value: String,
    #[prost(bool, tag = "3")]
    pub index: bool,
}

/// `cosmos.base.abci.v1beta1.TxMsgData`: a delivered transaction's data.
#[derive(Clone, PartialEq, Message)]
pub struct TxMsgData {
    #[prost(message, repeated, tag = "2")]
    pub msg_responses: Vec<Any>,
}

// ---- cosmos.crypto / cosmos.auth / cosmos.bank ----

#[derive(Clone, PartialEq, Message)]
pub struct PubKey {
    #[prost(bytes = "vec", tag = "1")]
    pub key: Vec<u8>,
}

pub const SECP256K1_PUBKEY: &str = "/cosmos.crypto.secp256k1.PubKey";

#[derive(Clone, PartialEq, Message)]
pub struct BaseAccount {
    #[prost(string, tag = "1")]
    pub address: String,
    #[prost(message, optional, tag = "2")]
    pub pub_key: Option<Any>,
    #[prost(uint64, tag = "3")]
    pub account_number: u64,
    #[prost(uint64, tag = "4")]
    pub sequence: u64,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryAccountRequest {
    #[prost(string, tag = "1")]
    pub address: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryAccountResponse {
    #[prost(message, optional, tag = "1")]
    pub account: Option<Any>,
}

#[derive(Clone, PartialEq, Message)]
pub struct MsgSend {
    #[prost(string, tag = "1")]
    pub from_address: String,
    #[prost(string, tag = "2")]
    pub to_address: String,
    #[prost(message, repeated, tag = "3")]
    pub amount: Vec<Coin>,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryBalanceRequest {
    #[prost(string, tag = "1")]
    pub address: String,
    #[prost(string, tag = "2")]
    pub denom: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryBalanceResponse {
    #[prost(message, optional, tag = "1")]
    pub balance: Option<Coin>,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryAllBalancesResponse {
    #[prost(message, repeated, tag = "1")]
    pub balances: Vec<Coin>,
}

// ---- cosmwasm.wasm.v1 messages ----

#[derive(Clone, PartialEq, Message)]
pub struct MsgStoreCode {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(bytes = "vec", tag = "2")]
    pub wasm_byte_code: Vec<u8>,
}

#[derive(Clone, PartialEq, Message)]
pub struct MsgStoreCodeResponse {
    #[prost(uint64, tag = "1")]
    pub code_id: u64,
    #[prost(bytes = "vec", tag = "2")]
    pub checksum: Vec<u8>,
}

#[derive(Clone, PartialEq, Message)]
pub struct MsgInstantiateContract {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(string, tag = "2")]
    pub admin: String,
    #[prost(uint64, tag = "3")]
    pub code_id: u64,
    #[prost(string, tag = "4")]
    pub label: String,
    #[prost(bytes = "vec", tag = "5")]
    pub msg: Vec<u8>,
    #[prost(message, repeated, tag = "6")]
    pub funds: Vec<Coin>,
}

#[derive(Clone, PartialEq, Message)]
pub struct MsgInstantiateContractResponse {
    #[prost(string, tag = "1")]
    pub address: String,
    #[prost(bytes = "vec", tag = "2")]
    pub data: Vec<u8>,
}

#[derive(Clone, PartialEq, Message)]
pub struct MsgExecuteContract {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(string, tag = "2")]
    pub contract: String,
    #[prost(bytes = "vec", tag = "3")]
    pub msg: Vec<u8>,
    #[prost(message, repeated, tag = "5")]
    pub funds: Vec<Coin>,
}

#[derive(Clone, PartialEq, Message)]
pub struct MsgExecuteContractResponse {
    #[prost(bytes = "vec", tag = "1")]
    pub data: Vec<u8>,
}

#[derive(Clone, PartialEq, Message)]
pub struct MsgUpdateAdmin {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(string, tag = "2")]
    pub new_admin: String,
    #[prost(string, tag = "3")]
    pub contract: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct MsgClearAdmin {
    #[prost(string, tag = "1")]
    pub sender: String,
    #[prost(string, tag = "3")]
    pub contract: String,
}

// ---- cosmwasm.wasm.v1 queries ----

#[derive(Clone, PartialEq, Message)]
pub struct QueryContractStateRequest {
    #[prost(string, tag = "1")]
    pub address: String,
    #[prost(bytes = "vec", tag = "2")]
    pub query_data: Vec<u8>,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryDataResponse {
    #[prost(bytes = "vec", tag = "1")]
    pub data: Vec<u8>,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryContractInfoRequest {
    #[prost(string, tag = "1")]
    pub address: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryContractInfoResponse {
    #[prost(string, tag = "1")]
    pub address: String,
    #[prost(message, optional, tag = "2")]
    pub contract_info: Option<ContractInfo>,
}

#[derive(Clone, PartialEq, Message)]
pub struct ContractInfo {
    #[prost(uint64, tag = "1")]
    pub code_id: u64,
    #[prost(string, tag = "2")]
    pub creator: String,
    #[prost(string, tag = "3")]
    pub admin: String,
    #[prost(string, tag = "4")]
    pub label: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryCodeRequest {
    #[prost(uint64, tag = "1")]
    pub code_id: u64,
}

#[derive(Clone, PartialEq, Message)]
pub struct AccessConfig {
    /// `ACCESS_TYPE_EVERYBODY` = 3.
    #[prost(int32, tag = "1")]
    pub permission: i32,
    #[prost(string, repeated, tag = "3")]
    pub addresses: Vec<String>,
}

#[derive(Clone, PartialEq, Message)]
pub struct CodeInfoResponse {
    #[prost(uint64, tag = "1")]
    pub code_id: u64,
    #[prost(string, tag = "2")]
    pub creator: String,
    #[prost(bytes = "vec", tag = "3")]
    pub data_hash: Vec<u8>,
    #[prost(message, optional, tag = "6")]
    pub instantiate_permission: Option<AccessConfig>,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryCodeResponse {
    #[prost(message, optional, tag = "1")]
    pub code_info: Option<CodeInfoResponse>,
    #[prost(bytes = "vec", tag = "2")]
    pub data: Vec<u8>,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryCodesResponse {
    #[prost(message, repeated, tag = "1")]
    pub code_infos: Vec<CodeInfoResponse>,
}

#[derive(Clone, PartialEq, Message)]
pub struct QueryContractsByCodeResponse {
    #[prost(string, repeated, tag = "1")]
    pub contracts: Vec<String>,
}
