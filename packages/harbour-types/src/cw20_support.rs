//! The CW20 pieces every Harbour token shares, with cw20-base semantics: allowances (stored under
//! both owner and spender for the two listing queries) and marketing info with logos. Tokens keep
//! their own balances and movement rules; these helpers return [`Cw20SupportError`], which each
//! contract's error wraps.

use cosmwasm_std::{Addr, Api, Binary, BlockInfo, Order, Response, StdError, StdResult, Storage, Uint128};
use cw20::{
    AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceInfo, AllowanceResponse, DownloadLogoResponse,
    EmbeddedLogo, Expiration, Logo, LogoInfo, MarketingInfoResponse, SpenderAllowanceInfo,
};
use cw_storage_plus::{Bound, Item, Map};
use thiserror::Error;

use crate::pagination::page_limit;

/// Largest embedded logo (cw20-base's limit).
pub const LOGO_SIZE_CAP: usize = 5 * 1024;
/// Longest marketing text field (project, description).
pub const MAX_MARKETING_TEXT: usize = 1024;

#[derive(Error, Debug, PartialEq)]
pub enum Cw20SupportError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error("cannot set an allowance on one's own account")]
    CannotSetOwnAccount {},
    #[error("allowance expired")]
    AllowanceExpired {},
    #[error("no allowance for this spender")]
    NoAllowance {},
    #[error("insufficient allowance: {allowance} allowed, {needed} needed")]
    InsufficientAllowance { allowance: Uint128, needed: Uint128 },
    #[error("invalid expiration: already expired")]
    InvalidExpiration {},
    #[error("logo too big: {size} bytes, the limit is {LOGO_SIZE_CAP}")]
    LogoTooBig { size: usize },
    #[error("invalid {kind} logo: {reason}")]
    InvalidLogo { kind: &'static str, reason: &'static str },
    #[error("{field} is longer than {max} bytes")]
    MarketingTextTooLong { field: &'static str, max: usize },
    #[error("no embedded logo is stored")]
    NoEmbeddedLogo {},
    #[error("unauthorized: only the owner or the marketing address may {action}")]
    NotMarketing { action: &'static str },
}

/// The one CW20 message a contract sends to move its own tokens: `{"transfer":{..}}`, exactly
/// `cw20::Cw20ExecuteMsg::Transfer`'s JSON. Serializing this instead of the whole
/// `Cw20ExecuteMsg` enum keeps every other variant's serializer out of the wasm.
#[derive(serde::Serialize)]
#[serde(rename_all = "snake_case")]
enum TransferOnly<'a> {
    Transfer { recipient: &'a str, amount: Uint128 },
}

/// A `WasmMsg::Execute` of `cw20 transfer { recipient, amount }` on `token`.
pub fn cw20_transfer_msg(token: &Addr, recipient: &Addr, amount: Uint128) -> StdResult<cosmwasm_std::CosmosMsg> {
    Ok(cosmwasm_std::CosmosMsg::Wasm(cosmwasm_std::WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: cosmwasm_std::to_json_binary(&TransferOnly::Transfer { recipient: recipient.as_str(), amount })?,
        funds: vec![],
    }))
}

/// Allowances indexed by (owner, spender) and (spender, owner).
pub struct Allowances<'a> {
    by_owner: Map<(&'a Addr, &'a Addr), AllowanceResponse>,
    by_spender: Map<(&'a Addr, &'a Addr), AllowanceResponse>,
}

impl<'a> Allowances<'a> {
    pub const fn new(owner_namespace: &'static str, spender_namespace: &'static str) -> Self {
        Allowances { by_owner: Map::new(owner_namespace), by_spender: Map::new(spender_namespace) }
    }

    pub fn get(&self, storage: &dyn Storage, owner: &'a Addr, spender: &'a Addr) -> StdResult<AllowanceResponse> {
        Ok(self.by_owner.may_load(storage, (owner, spender))?.unwrap_or_default())
    }

    fn save(
        &self,
        storage: &mut dyn Storage,
        owner: &'a Addr,
        spender: &'a Addr,
        a: &AllowanceResponse,
    ) -> StdResult<()> {
        self.by_owner.save(storage, (owner, spender), a)?;
        self.by_spender.save(storage, (spender, owner), a)
    }

    fn remove(&self, storage: &mut dyn Storage, owner: &'a Addr, spender: &'a Addr) {
        self.by_owner.remove(storage, (owner, spender));
        self.by_spender.remove(storage, (spender, owner));
    }

    /// Spends `amount` of `spender`'s allowance from `owner` (cw20-base `deduct_allowance`).
    pub fn deduct(
        &self,
        storage: &mut dyn Storage,
        owner: &'a Addr,
        spender: &'a Addr,
        block: &BlockInfo,
        amount: Uint128,
    ) -> Result<AllowanceResponse, Cw20SupportError> {
        let mut a = self.by_owner.may_load(storage, (owner, spender))?.ok_or(Cw20SupportError::NoAllowance {})?;
        if a.expires.is_expired(block) {
            return Err(Cw20SupportError::AllowanceExpired {});
        }
        a.allowance = a
            .allowance
            .checked_sub(amount)
            .map_err(|_| Cw20SupportError::InsufficientAllowance { allowance: a.allowance, needed: amount })?;
        self.save(storage, owner, spender, &a)?;
        Ok(a)
    }

    /// `IncreaseAllowance` (cw20-base semantics: a new expiration replaces the old one).
    pub fn increase(
        &self,
        storage: &mut dyn Storage,
        owner: &'a Addr,
        spender: &'a Addr,
        block: &BlockInfo,
        amount: Uint128,
        expires: Option<Expiration>,
    ) -> Result<AllowanceResponse, Cw20SupportError> {
        if owner == spender {
            return Err(Cw20SupportError::CannotSetOwnAccount {});
        }
        let mut a = self.by_owner.may_load(storage, (owner, spender))?.unwrap_or_default();
        if let Some(exp) = expires {
            if exp.is_expired(block) {
                return Err(Cw20SupportError::InvalidExpiration {});
            }
            a.expires = exp;
        }
        a.allowance = a.allowance.checked_add(amount).map_err(StdError::from)?;
        self.save(storage, owner, spender, &a)?;
        Ok(a)
    }

    /// `DecreaseAllowance`: removes the allowance when it reaches zero.
    pub fn decrease(
        &self,
        storage: &mut dyn Storage,
        owner: &'a Addr,
        spender: &'a Addr,
        block: &BlockInfo,
        amount: Uint128,
        expires: Option<Expiration>,
    ) -> Result<AllowanceResponse, Cw20SupportError> {
        if owner == spender {
            return Err(Cw20SupportError::CannotSetOwnAccount {});
        }
        let mut a = self.by_owner.may_load(storage, (owner, spender))?.ok_or(Cw20SupportError::NoAllowance {})?;
        if amount < a.allowance {
            a.allowance -= amount;
            if let Some(exp) = expires {
                if exp.is_expired(block) {
                    return Err(Cw20SupportError::InvalidExpiration {});
                }
                a.expires = exp;
            }
            self.save(storage, owner, spender, &a)?;
            Ok(a)
        } else {
            self.remove(storage, owner, spender);
            Ok(AllowanceResponse::default())
        }
    }

    /// `IncreaseAllowance` (`increase`) or `DecreaseAllowance` with its response (`action`,
    /// `owner`, `spender`, `amount`, `allowance`).
    #[allow(clippy::too_many_arguments)]
    pub fn execute_change(
        &self,
        storage: &mut dyn Storage,
        block: &BlockInfo,
        owner: &'a Addr,
        spender: &'a Addr,
        amount: Uint128,
        expires: Option<Expiration>,
        increase: bool,
    ) -> Result<Response, Cw20SupportError> {
        let (action, a) = if increase {
            ("increase_allowance", self.increase(storage, owner, spender, block, amount, expires)?)
        } else {
            ("decrease_allowance", self.decrease(storage, owner, spender, block, amount, expires)?)
        };
        Ok(Response::new()
            .add_attribute("action", action)
            .add_attribute("owner", owner)
            .add_attribute("spender", spender)
            .add_attribute("amount", amount)
            .add_attribute("allowance", a.allowance))
    }

    /// The `Allowance` query (addresses validated).
    pub fn query_allowance(
        &self,
        storage: &dyn Storage,
        api: &dyn Api,
        owner: &str,
        spender: &str,
    ) -> StdResult<AllowanceResponse> {
        let (o, s) = (api.addr_validate(owner)?, api.addr_validate(spender)?);
        Ok(self.by_owner.may_load(storage, (&o, &s))?.unwrap_or_default())
    }

    /// The `AllAllowances` query (addresses validated).
    pub fn query_all_allowances(
        &self,
        storage: &dyn Storage,
        api: &dyn Api,
        owner: &str,
        start_after: Option<String>,
        limit: Option<u32>,
    ) -> StdResult<AllAllowancesResponse> {
        let o = api.addr_validate(owner)?;
        let start = start_after.map(|s| api.addr_validate(&s)).transpose()?;
        self.all_allowances(storage, &o, start.as_ref(), limit)
    }

    /// The `AllSpenderAllowances` query (addresses validated).
    pub fn query_all_spender_allowances(
        &self,
        storage: &dyn Storage,
        api: &dyn Api,
        spender: &str,
        start_after: Option<String>,
        limit: Option<u32>,
    ) -> StdResult<AllSpenderAllowancesResponse> {
        let s = api.addr_validate(spender)?;
        let start = start_after.map(|x| api.addr_validate(&x)).transpose()?;
        self.all_spender_allowances(storage, &s, start.as_ref(), limit)
    }

    pub fn all_allowances(
        &self,
        storage: &dyn Storage,
        owner: &'a Addr,
        start_after: Option<&'a Addr>,
        limit: Option<u32>,
    ) -> StdResult<AllAllowancesResponse> {
        let allowances = self
            .by_owner
            .prefix(owner)
            .range(storage, start_after.map(Bound::exclusive), None, Order::Ascending)
            .take(page_limit(limit))
            .map(|r| {
                r.map(|(spender, a)| AllowanceInfo {
                    spender: spender.into(),
                    allowance: a.allowance,
                    expires: a.expires,
                })
            })
            .collect::<StdResult<_>>()?;
        Ok(AllAllowancesResponse { allowances })
    }

    pub fn all_spender_allowances(
        &self,
        storage: &dyn Storage,
        spender: &'a Addr,
        start_after: Option<&'a Addr>,
        limit: Option<u32>,
    ) -> StdResult<AllSpenderAllowancesResponse> {
        let allowances = self
            .by_spender
            .prefix(spender)
            .range(storage, start_after.map(Bound::exclusive), None, Order::Ascending)
            .take(page_limit(limit))
            .map(|r| {
                r.map(|(owner, a)| SpenderAllowanceInfo {
                    owner: owner.into(),
                    allowance: a.allowance,
                    expires: a.expires,
                })
            })
            .collect::<StdResult<_>>()?;
        Ok(AllSpenderAllowancesResponse { allowances })
    }
}

/// Marketing info plus an optional embedded logo (cw20-base semantics).
pub struct Marketing {
    info: Item<MarketingInfoResponse>,
    logo: Item<Logo>,
}

fn check_marketing_text(field: &'static str, text: &Option<String>) -> Result<(), Cw20SupportError> {
    match text {
        Some(t) if t.len() > MAX_MARKETING_TEXT => {
            Err(Cw20SupportError::MarketingTextTooLong { field, max: MAX_MARKETING_TEXT })
        }
        _ => Ok(()),
    }
}

/// Checks an embedded logo the way cw20-base does: at most 5 KiB; SVG must look like XML/SVG;
/// PNG must carry the PNG signature.
pub fn validate_logo(logo: &Logo) -> Result<(), Cw20SupportError> {
    match logo {
        Logo::Url(_) => Ok(()),
        Logo::Embedded(EmbeddedLogo::Svg(data)) => {
            check_logo_size(data)?;
            let head = data.as_slice().iter().take(256).copied().collect::<Vec<u8>>();
            let head = String::from_utf8_lossy(&head);
            let trimmed = head.trim_start();
            if trimmed.starts_with("<?xml") || trimmed.starts_with("<svg") {
                Ok(())
            } else {
                Err(Cw20SupportError::InvalidLogo { kind: "svg", reason: "must start with <?xml or <svg" })
            }
        }
        Logo::Embedded(EmbeddedLogo::Png(data)) => {
            check_logo_size(data)?;
            const PNG_HEADER: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
            if data.as_slice().starts_with(&PNG_HEADER) {
                Ok(())
            } else {
                Err(Cw20SupportError::InvalidLogo { kind: "png", reason: "missing PNG signature" })
            }
        }
    }
}

fn check_logo_size(data: &Binary) -> Result<(), Cw20SupportError> {
    if data.len() > LOGO_SIZE_CAP {
        Err(Cw20SupportError::LogoTooBig { size: data.len() })
    } else {
        Ok(())
    }
}

impl Marketing {
    pub const fn new(info_namespace: &'static str, logo_namespace: &'static str) -> Self {
        Marketing { info: Item::new(info_namespace), logo: Item::new(logo_namespace) }
    }

    pub fn info(&self, storage: &dyn Storage) -> StdResult<MarketingInfoResponse> {
        Ok(self.info.may_load(storage)?.unwrap_or_default())
    }

    /// The marketing address, who may update marketing next to the contract owner.
    pub fn marketing_addr(&self, storage: &dyn Storage) -> StdResult<Option<Addr>> {
        Ok(self.info.may_load(storage)?.and_then(|m| m.marketing))
    }

    /// Stores the marketing info given at instantiate (address validated, logo checked).
    pub fn init(
        &self,
        storage: &mut dyn Storage,
        api: &dyn Api,
        project: Option<String>,
        description: Option<String>,
        marketing: Option<String>,
        logo: Option<Logo>,
    ) -> Result<(), Cw20SupportError> {
        self.update(storage, api, project, description, marketing)?;
        if let Some(logo) = logo {
            self.upload_logo(storage, logo)?;
        }
        Ok(())
    }

    /// `UpdateMarketing`: `Some("")` clears a field, `None` leaves it unchanged.
    pub fn update(
        &self,
        storage: &mut dyn Storage,
        api: &dyn Api,
        project: Option<String>,
        description: Option<String>,
        marketing: Option<String>,
    ) -> Result<MarketingInfoResponse, Cw20SupportError> {
        check_marketing_text("project", &project)?;
        check_marketing_text("description", &description)?;
        let mut m = self.info(storage)?;
        let set = |field: Option<String>, current: Option<String>| match field {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(s),
            None => current,
        };
        m.project = set(project, m.project);
        m.description = set(description, m.description);
        m.marketing = match marketing {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(api.addr_validate(&s)?),
            None => m.marketing,
        };
        self.info.save(storage, &m)?;
        Ok(m)
    }

    /// `UploadLogo`: URLs are recorded in the marketing info; embedded logos are validated and stored.
    pub fn upload_logo(&self, storage: &mut dyn Storage, logo: Logo) -> Result<(), Cw20SupportError> {
        validate_logo(&logo)?;
        let mut m = self.info(storage)?;
        m.logo = Some(match &logo {
            Logo::Url(url) => LogoInfo::Url(url.clone()),
            Logo::Embedded(_) => LogoInfo::Embedded,
        });
        match &logo {
            Logo::Url(_) => self.logo.remove(storage),
            Logo::Embedded(_) => self.logo.save(storage, &logo)?,
        }
        self.info.save(storage, &m)?;
        Ok(())
    }

    /// The owner (as the contract tells) or the marketing address may change marketing; cw20-base
    /// lets only the latter.
    fn authorize(
        &self,
        storage: &dyn Storage,
        sender: &Addr,
        sender_is_owner: bool,
        action: &'static str,
    ) -> Result<(), Cw20SupportError> {
        if sender_is_owner || self.marketing_addr(storage)?.is_some_and(|m| m == *sender) {
            Ok(())
        } else {
            Err(Cw20SupportError::NotMarketing { action })
        }
    }

    /// `UpdateMarketing`, authorized and with its response.
    #[allow(clippy::too_many_arguments)]
    pub fn execute_update(
        &self,
        storage: &mut dyn Storage,
        api: &dyn Api,
        sender: &Addr,
        sender_is_owner: bool,
        project: Option<String>,
        description: Option<String>,
        marketing: Option<String>,
    ) -> Result<Response, Cw20SupportError> {
        self.authorize(storage, sender, sender_is_owner, "update_marketing")?;
        self.update(storage, api, project, description, marketing)?;
        Ok(Response::new().add_attribute("action", "update_marketing").add_attribute("by", sender))
    }

    /// `UploadLogo`, authorized and with its response.
    pub fn execute_upload_logo(
        &self,
        storage: &mut dyn Storage,
        sender: &Addr,
        sender_is_owner: bool,
        logo: Logo,
    ) -> Result<Response, Cw20SupportError> {
        self.authorize(storage, sender, sender_is_owner, "upload_logo")?;
        self.upload_logo(storage, logo)?;
        Ok(Response::new().add_attribute("action", "upload_logo").add_attribute("by", sender))
    }

    /// `DownloadLogo`: the embedded logo, if one is stored.
    pub fn download_logo(&self, storage: &dyn Storage) -> Result<DownloadLogoResponse, Cw20SupportError> {
        match self.logo.may_load(storage)? {
            Some(Logo::Embedded(EmbeddedLogo::Svg(data))) => {
                Ok(DownloadLogoResponse { mime_type: "image/svg+xml".into(), data })
            }
            Some(Logo::Embedded(EmbeddedLogo::Png(data))) => {
                Ok(DownloadLogoResponse { mime_type: "image/png".into(), data })
            }
            _ => Err(Cw20SupportError::NoEmbeddedLogo {}),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::{mock_dependencies, mock_env};

    #[test]
    fn transfer_msg_is_the_cw20_shape() {
        let (token, to) = (Addr::unchecked("token"), Addr::unchecked("to"));
        let msg = cw20_transfer_msg(&token, &to, Uint128::new(5)).unwrap();
        let expected = cosmwasm_std::WasmMsg::Execute {
            contract_addr: "token".into(),
            msg: cosmwasm_std::to_json_binary(&cw20::Cw20ExecuteMsg::Transfer {
                recipient: "to".into(),
                amount: Uint128::new(5),
            })
            .unwrap(),
            funds: vec![],
        };
        assert_eq!(msg, cosmwasm_std::CosmosMsg::Wasm(expected));
    }

    #[test]
    fn allowance_lifecycle() {
        let mut deps = mock_dependencies();
        let env = mock_env();
        let al = Allowances::new("l", "ls");
        let (o, s) = (deps.api.addr_make("owner"), deps.api.addr_make("spender"));
        assert_eq!(
            al.increase(&mut deps.storage, &o, &o, &env.block, Uint128::new(1), None),
            Err(Cw20SupportError::CannotSetOwnAccount {})
        );
        assert_eq!(
            al.increase(&mut deps.storage, &o, &s, &env.block, Uint128::new(1), Some(Expiration::AtHeight(1))),
            Err(Cw20SupportError::InvalidExpiration {})
        );
        al.increase(&mut deps.storage, &o, &s, &env.block, Uint128::new(10), None).unwrap();
        assert_eq!(
            al.deduct(&mut deps.storage, &o, &s, &env.block, Uint128::new(11)),
            Err(Cw20SupportError::InsufficientAllowance { allowance: Uint128::new(10), needed: Uint128::new(11) })
        );
        assert_eq!(al.deduct(&mut deps.storage, &o, &s, &env.block, Uint128::new(4)).unwrap().allowance.u128(), 6);
        let listed = al.all_spender_allowances(&deps.storage, &s, None, None).unwrap();
        assert_eq!(listed.allowances[0].allowance.u128(), 6);
        assert_eq!(listed.allowances[0].owner, o.to_string());
        al.decrease(&mut deps.storage, &o, &s, &env.block, Uint128::new(100), None).unwrap();
        assert!(al.all_allowances(&deps.storage, &o, None, None).unwrap().allowances.is_empty());
        assert!(al.all_spender_allowances(&deps.storage, &s, None, None).unwrap().allowances.is_empty());
        assert_eq!(
            al.deduct(&mut deps.storage, &o, &s, &env.block, Uint128::new(1)),
            Err(Cw20SupportError::NoAllowance {})
        );
    }

    #[test]
    fn logos() {
        let mut deps = mock_dependencies();
        let m = Marketing::new("m", "lg");
        assert_eq!(m.download_logo(&deps.storage), Err(Cw20SupportError::NoEmbeddedLogo {}));
        let svg = Logo::Embedded(EmbeddedLogo::Svg(Binary::from(b"<svg></svg>".to_vec())));
        m.upload_logo(&mut deps.storage, svg).unwrap();
        assert_eq!(m.download_logo(&deps.storage).unwrap().mime_type, "image/svg+xml");
        assert_eq!(m.info(&deps.storage).unwrap().logo, Some(LogoInfo::Embedded));
        let bad = Logo::Embedded(EmbeddedLogo::Png(Binary::from(b"not a png".to_vec())));
        assert_eq!(
            m.upload_logo(&mut deps.storage, bad),
            Err(Cw20SupportError::InvalidLogo { kind: "png", reason: "missing PNG signature" })
        );
        let big = Logo::Embedded(EmbeddedLogo::Svg(Binary::from(vec![b'<'; LOGO_SIZE_CAP + 1])));
        assert_eq!(m.upload_logo(&mut deps.storage, big), Err(Cw20SupportError::LogoTooBig { size: 5121 }));
        m.upload_logo(&mut deps.storage, Logo::Url("https://harbour.example/logo.png".into())).unwrap();
        assert_eq!(m.download_logo(&deps.storage), Err(Cw20SupportError::NoEmbeddedLogo {}));
        let api = deps.api;
        assert!(m.update(&mut deps.storage, &api, None, None, Some("not-an-address".into())).is_err());
        let updated = m.update(&mut deps.storage, &api, Some("Harbour".into()), None, None).unwrap();
        assert_eq!(updated.project.as_deref(), Some("Harbour"));
        let cleared = m.update(&mut deps.storage, &api, Some("".into()), None, None).unwrap();
        assert_eq!(cleared.project, None);
    }
}
