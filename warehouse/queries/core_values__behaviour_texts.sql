-- BerAKHLAK: the three panduan perilaku of $core_value as shipped (cfg_behaviours, warehouse/rules.py),
-- for a survey period without the 21 items.
select
    b.behaviour,
    b.item_in_value,
    b.label as behaviour_label
from cfg_behaviours as b
where b.core_value = $core_value
order by b.behaviour_order
